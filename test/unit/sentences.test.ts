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
  ])('%s', expectSplit)

  it.each([
    [
      'a quotation ending its sentence is cut where its sentences end',
      'Il a dit : « Nous partons. Rien ne change. » Puis il est sorti.',
      ['Il a dit : « Nous partons.', 'Rien ne change. »', 'Puis il est sorti.'],
    ],
    [
      'a quotation opened after a colon, then a new sentence',
      'Le maire a prévenu : « La piscine restera fermée cet été. Les travaux ont pris du retard. » Les familles protestent.',
      ['Le maire a prévenu : « La piscine restera fermée cet été.', 'Les travaux ont pris du retard. »', 'Les familles protestent.'],
    ],
    [
      'a long quotation before its incise: the incise stays with the last sentence',
      '« Le budget sera tenu. Les dépenses de l’État baisseront dès l’an prochain, sans toucher aux retraites. Personne ne sera oublié », a promis la ministre. La séance a repris.',
      [
        '« Le budget sera tenu.',
        'Les dépenses de l’État baisseront dès l’an prochain, sans toucher aux retraites.',
        'Personne ne sera oublié », a promis la ministre.',
        'La séance a repris.',
      ],
    ],
    [
      'a long quotation without spaces inside the guillemets',
      '«Le chantier a coûté trop cher. Nous avons perdu deux ans à attendre les permis. Il faut changer de méthode.» Le conseil vote ce soir.',
      [
        '«Le chantier a coûté trop cher.',
        'Nous avons perdu deux ans à attendre les permis.',
        'Il faut changer de méthode.»',
        'Le conseil vote ce soir.',
      ],
    ],
    [
      'a long quotation going on in its sentence',
      'Le juge a estimé que « la preuve du contrat n’est pas rapportée. Encore fallait-il que le vendeur ait signé l’acte devant un notaire » et a débouté la société.',
      [
        'Le juge a estimé que « la preuve du contrat n’est pas rapportée.',
        'Encore fallait-il que le vendeur ait signé l’acte devant un notaire » et a débouté la société.',
      ],
    ],
    [
      'short quotations with a lowercase incise stay whole',
      '« Non. Jamais. » dit-elle. « Oui. » répond-il.',
      ['« Non. Jamais. » dit-elle.', '« Oui. » répond-il.'],
    ],
    [
      'a short curly-quoted reply with its incise stays whole',
      '“Non. Pas maintenant”, souffle-t-elle. Il insiste.',
      ['“Non. Pas maintenant”, souffle-t-elle.', 'Il insiste.'],
    ],
    [
      'a short straight-quoted reply with its incise stays whole',
      '"Merci. À demain", lance le patron. La porte claque.',
      ['"Merci. À demain", lance le patron.', 'La porte claque.'],
    ],
  ])('quotations: %s', expectSplit)

  it.each([
    ['cap', 'Le navire garde le cap. Les vagues grossissent.', ['Le navire garde le cap.', 'Les vagues grossissent.']],
    [
      'vol without a number',
      'Le pilote a retardé son vol. Trois passagers ont protesté.',
      ['Le pilote a retardé son vol.', 'Trois passagers ont protesté.'],
    ],
    ['sept as a number word', 'Ils étaient sept. Deux seulement sont revenus.', ['Ils étaient sept.', 'Deux seulement sont revenus.']],
    ['col', 'Les coureurs ont franchi le col. Le peloton s’est étiré.', ['Les coureurs ont franchi le col.', 'Le peloton s’est étiré.']],
    ['art', 'Elle a exposé son art. Chacun a applaudi.', ['Elle a exposé son art.', 'Chacun a applaudi.']],
    ['max', 'Le chauffage est réglé au max. Personne n’a froid.', ['Le chauffage est réglé au max.', 'Personne n’a froid.']],
    ['a metre after a number', 'Le mur mesure 2 m. Personne ne peut le franchir.', ['Le mur mesure 2 m.', 'Personne ne peut le franchir.']],
    [
      'abbreviations before numbers stay whole',
      'Voir le vol. IV, chap. 3 et l’art. 12 du code. Il est né le 3 sept. 1950 à Lyon. Le reste suit.',
      ['Voir le vol. IV, chap. 3 et l’art. 12 du code.', 'Il est né le 3 sept. 1950 à Lyon.', 'Le reste suit.'],
    ],
    ['a capital letter before a common word', 'Il reste le plan B. Personne ne l’a lu.', ['Il reste le plan B.', 'Personne ne l’a lu.']],
    [
      'a vitamin, not an initial',
      'Prenez de la vitamine C. Elle renforce les défenses.',
      ['Prenez de la vitamine C.', 'Elle renforce les défenses.'],
    ],
    [
      'an initial before a name',
      'Marsha P. Johnson a manifesté à New York. Elle avait 24 ans.',
      ['Marsha P. Johnson a manifesté à New York.', 'Elle avait 24 ans.'],
    ],
    [
      'an acronym in capitals is not an abbreviation',
      'Elle habite 12 bd. Voltaire et lit une BD. Marie aussi.',
      ['Elle habite 12 bd. Voltaire et lit une BD.', 'Marie aussi.'],
    ],
    [
      'a legal article number',
      'Consultez l’article L. 121-1 du code. Il est clair.',
      ['Consultez l’article L. 121-1 du code.', 'Il est clair.'],
    ],
  ])('everyday words and letters: %s', expectSplit)

  it.each([
    ['a list opening the paragraph', '1. Réduire les coûts. 2. Investir.', ['1. Réduire les coûts.', '2. Investir.']],
    [
      'a list after a colon',
      'Le plan tient en trois points : 1. Réduire la dette. 2. Investir dans le rail. 3. Former les jeunes.',
      ['Le plan tient en trois points : 1. Réduire la dette.', '2. Investir dans le rail.', '3. Former les jeunes.'],
    ],
    [
      'a year ending a sentence is not a list number',
      'Les travaux ont commencé en 2018. 12 ouvriers y travaillent.',
      ['Les travaux ont commencé en 2018.', '12 ouvriers y travaillent.'],
    ],
  ])('list numbers: %s', expectSplit)

  it('keeps every sentence of the sample whole: none ends in "M."', async () => {
    const { paragraphs } = parsePlainText(await readFile(SEED_PATH, 'utf8'))
    const sentences = paragraphs.flatMap(splitSentences)
    expect(sentences.filter((sentence) => / M\.$/.test(sentence))).toEqual([])
    expect(splitSentences(paragraphs[2]!)).toEqual([paragraphs[2]])
    for (const paragraph of paragraphs) expect(splitSentences(paragraph).join(' ')).toBe(paragraph)
  })
})

function expectSplit(_what: string, paragraph: string, expected: string[]) {
  expect(splitSentences(paragraph)).toEqual(expected)
  expect(splitSentences(paragraph).join(' ')).toBe(paragraph)
}
