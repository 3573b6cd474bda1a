import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parsePlainText } from '../../main/core/import/plain-text'
import { splitSentences } from '../../main/core/translation/sentences'
import { SEED_PATH } from '../support/seed'

describe('splitSentences', () => {
  it.each([
    [
      'titles before names',
      'La Chine souhaite progresser, a affirmé M. Xi. Il a ensuite quitté la salle.',
      ['La Chine souhaite progresser, a affirmé M. Xi.', 'Il a ensuite quitté la salle.'],
    ],
    [
      'MM., Mme, Mlle, Dr',
      'MM. Dupont et Durand, Mme Martin, Mlle Roux et le Dr. Petit sont venus. Ils sont repartis.',
      ['MM. Dupont et Durand, Mme Martin, Mlle Roux et le Dr. Petit sont venus.', 'Ils sont repartis.'],
    ],
    ['Mme. with a period', 'Mme. Lagarde a parlé. Le marché a réagi.', ['Mme. Lagarde a parlé.', 'Le marché a réagi.']],
    [
      'St before a name',
      'Il habite rue St. Jacques depuis dix ans. Elle aussi.',
      ['Il habite rue St. Jacques depuis dix ans.', 'Elle aussi.'],
    ],
    [
      'av. J.-C. mid-sentence',
      'Rome fut fondée en 753 av. J.-C. selon la légende. Les historiens en doutent.',
      ['Rome fut fondée en 753 av. J.-C. selon la légende.', 'Les historiens en doutent.'],
    ],
    [
      'av. J.-C. at the end',
      'Rome fut fondée en 753 av. J.-C. Les historiens en doutent.',
      ['Rome fut fondée en 753 av. J.-C.', 'Les historiens en doutent.'],
    ],
    [
      'etc. mid-sentence',
      'Il a acheté des pommes, des poires, etc. pour la fête. Tout était prêt.',
      ['Il a acheté des pommes, des poires, etc. pour la fête.', 'Tout était prêt.'],
    ],
    [
      'etc. at the end',
      'Il a acheté des pommes, des poires, etc. Le reste attendra.',
      ['Il a acheté des pommes, des poires, etc.', 'Le reste attendra.'],
    ],
    [
      'initials',
      'Le roman de J. K. Rowling a été traduit. Il se vend bien.',
      ['Le roman de J. K. Rowling a été traduit.', 'Il se vend bien.'],
    ],
    [
      'decimal numbers and percentages',
      'La croissance sera de 1,5 % en 2019 contre 3.2 en 2018. Le chômage baisse.',
      ['La croissance sera de 1,5 % en 2019 contre 3.2 en 2018.', 'Le chômage baisse.'],
    ],
    [
      'a sentence ending with a percentage',
      'Le taux atteint 1,5 %. La banque centrale réagit.',
      ['Le taux atteint 1,5 %.', 'La banque centrale réagit.'],
    ],
    ['ellipsis before a capital', 'Il hésita… Puis il partit.', ['Il hésita…', 'Puis il partit.']],
    ['three dots before lowercase', 'Il hésita... puis partit. Elle resta.', ['Il hésita... puis partit.', 'Elle resta.']],
    ['question and exclamation', 'Viendra-t-il ? Oui ! Il arrive demain.', ['Viendra-t-il ?', 'Oui !', 'Il arrive demain.']],
    [
      'guillemets holding several sentences',
      '« Nous sommes prêts. Allons-y », a déclaré le ministre. La séance est levée.',
      ['« Nous sommes prêts. Allons-y », a déclaré le ministre.', 'La séance est levée.'],
    ],
    [
      'a quotation that ends the sentence',
      'Il a dit : « C’est fini. » Puis il est parti.',
      ['Il a dit : « C’est fini. »', 'Puis il est parti.'],
    ],
    [
      'straight quotes',
      'La lutte contre les "trois forces du mal". Le terrorisme en fait partie.',
      ['La lutte contre les "trois forces du mal".', 'Le terrorisme en fait partie.'],
    ],
    ['a number after a title-like abbreviation', 'Voir p. 12 pour les détails. Merci.', ['Voir p. 12 pour les détails.', 'Merci.']],
    ['no final punctuation', 'Une phrase sans point final', ['Une phrase sans point final']],
  ])('%s', (_what, paragraph, expected) => {
    expect(splitSentences(paragraph)).toEqual(expected)
    expect(splitSentences(paragraph).join(' ')).toBe(paragraph)
  })

  it('keeps every sentence of the sample whole: none ends in "M."', async () => {
    const { paragraphs } = parsePlainText(await readFile(SEED_PATH, 'utf8'))
    const sentences = paragraphs.flatMap(splitSentences)
    expect(sentences.filter((sentence) => / M\.$/.test(sentence))).toEqual([])
    expect(splitSentences(paragraphs[2]!)).toEqual([paragraphs[2]])
    for (const paragraph of paragraphs) expect(splitSentences(paragraph).join(' ')).toBe(paragraph)
  })
})
