import { describe, expect, it } from 'vitest'

import { perfectWithAvoir } from '../../main/core/translation/apertium/auxiliaries'
import { tidyEnglish } from '../../main/core/translation/apertium/english-output'
import { markPhrases } from '../../main/core/translation/apertium/phrasebook'
import { uninvertReportingClauses } from '../../main/core/translation/apertium/reporting-clauses'
import { chooseRoute } from '../../main/core/translation/apertium/route-choice'
import { prepareSentences, termsIn } from '../../main/core/translation/protection/prepare'
import { markSpans, writeSpans } from '../../main/core/translation/protection/spans'
import { finishTarget } from '../../main/core/translation/protection/typography'

const toEnglish = { from: 'fr', to: 'en' }

/** Each sentence with its protected spans written in their target form: what an engine without protection gets. */
function written(sentences: string[], pair = toEnglish, glossary: { source: string; target: string }[] = []): string[] {
  return prepareSentences(sentences, pair, glossary).map(({ source, spans }) => writeSpans(source, spans))
}

describe('numbers and dates in their English form', () => {
  it.each([
    ['Il est venu le 5 mars.', 'Il est venu on 5 March.'],
    ['Le 1er janvier 2019, tout change.', 'On 1 January 2019, tout change.'],
    ['depuis le 21 juin', 'depuis 21 June'],
    ['ils se réunissent jeudi 9 mai à Sibiu', 'ils se réunissent on Thursday 9 May à Sibiu'],
    ['Mardi 7 mai, rien.', 'On Tuesday 7 May, rien.'],
    ['Il parle jeudi. Il part mercredi matin.', 'Il parle on Thursday. Il part on Wednesday morning.'],
    ['Depuis lundi, rien. Le mardi-gras.', 'Depuis Monday, rien. Le mardi-gras.'],
    ['Il est venu mardi dernier et part jeudi prochain.', 'Il est venu last Tuesday et part next Thursday.'],
    ['Il arrive jeudi dans la soirée, pas vendredi 3.', 'Il arrive on Thursday dans la soirée, pas vendredi 3.'],
    ['un taux de 3,12 % cette année', 'un taux de 3.12% cette année'],
    ['soit 12,5 pour cent', 'soit 12.5 per cent'],
    ['il coûte 10 000 euros', 'il coûte €10,000'],
    ['il coûte 10.000 euros', 'il coûte €10,000'],
    ['un budget de 448 millions d’euros', 'un budget de €448 million'],
    ['3,5 milliards de dollars', '$3.5 billion'],
    ['2 500 personnes et 1 200 000 habitants', '2,500 personnes et 1,200,000 habitants'],
    ['448 millions de personnes', '448 million personnes'],
    ['2 millions d’habitants', '2 million habitants'],
    ['il part à 1h45 et revient à 20h', 'il part à 1:45 et revient à 20:00'],
    ['la 124e place, le 1er rang', 'la 124th place, le 1st rang'],
  ])('%s', (french, english) => {
    expect(written([french])).toEqual([english])
  })

  it('leaves years, plain numbers and decimals written with a point as they are', () => {
    expect(written(['En 2019, 23.1% des 153 États.'])).toEqual(['En 2019, 23.1% des 153 États.'])
  })

  it('keeps French numbers for other targets', () => {
    expect(written(['le 5 mars, 3,12 %'], { from: 'fr', to: 'es' })).toEqual(['le 5 mars, 3,12 %'])
  })
})

describe('names', () => {
  it('gives places and institutions their English name, taking the French article or preposition', () => {
    expect(written(['Les États-Unis et la Chine parlent au Japon, à Montréal et de l’Union européenne (UE).'])).toEqual([
      'The United States et China parlent in Japan, in Montreal et de the European Union (EU).',
    ])
    expect(written(['Il vit à Paris près de l’Élysée et de Matignon, loin des Nations unies.'])).toEqual([
      'Il vit in Paris près de the Élysée et de Matignon, loin of the United Nations.',
    ])
  })

  it('keeps runs of capitalised words, initials and particles as written, and titles in English', () => {
    const [sentence] = prepareSentences(
      ['Selon M. Xi, Marsha P. Johnson lit Nice Matin avec Charles de Gaulle à Greenwich Village.'],
      toEnglish,
    )
    const kept = sentence!.spans.map((span) => span.replacement)
    expect(kept).toEqual(['Mr Xi', 'Marsha P. Johnson', 'Nice Matin', 'Charles de Gaulle', 'Greenwich Village'])
  })

  it('leaves descriptive names headed by a common noun to the engine, and their head word in other sentences', () => {
    const sentences = ['Le Service de police de la Ville de Montréal et la Voie Brillante.', 'La Ville a parlé à la Ville.']
    const spans = prepareSentences(sentences, toEnglish).map(({ spans }) => spans.map((span) => span.replacement))
    expect(spans).toEqual([['Montreal'], []])
  })

  it('keeps a name at the start of a sentence only when it is met mid-sentence elsewhere', () => {
    const sentences = ['Le président Noursoultan Nazarbaïev est venu.', 'Nazarbaïev a parlé.', 'Plusieurs États ont voté.']
    const spans = prepareSentences(sentences, toEnglish).map(({ spans }) => spans.map((span) => span.replacement))
    expect(spans).toEqual([['Noursoultan Nazarbaïev'], ['Nazarbaïev'], []])
  })

  it('marks protected spans inline for engines that keep them', () => {
    const [sentence] = prepareSentences(['M. Xi arrive le 5 mars.'], toEnglish)
    expect(markSpans(sentence!.source, sentence!.spans)).toBe('\uE000Mr Xi\uE001 arrive \uE000on 5 March\uE001.')
  })
})

describe('glossary terms', () => {
  const glossary = [
    { source: 'rêve chinois', target: 'Chinese dream' },
    { source: 'relations', target: 'relations' },
  ]

  it('wins over every other protection, whole words only, any case, capitalised at a sentence start', () => {
    expect(written(['Le Rêve chinois et les relations, pas les corelations.', 'Relations tendues.'], toEnglish, glossary)).toEqual([
      'Le Chinese dream et les relations, pas les corelations.',
      'Relations tendues.',
    ])
  })

  it('names the terms a sentence contains, which its cache key includes', () => {
    expect(termsIn('Le rêve chinois.', glossary)).toEqual([glossary[0]])
    expect(termsIn('Rien ici.', glossary)).toEqual([])
  })
})

describe('Apertium phrasebook', () => {
  it.each([
    ['Il vit au sein de l’Union.', 'Il vit \uE000within\uE001 l’Union.'],
    ['Il y a cinq ans, il est venu.', '\uE000Five years ago\uE001, il est venu.'],
    ['Il est venu il y a un mois.', 'Il est venu \uE000a month ago\uE001.'],
    ['les services de renseignement', 'les \uE000intelligence services\uE001'],
    ['Il vit entre la Chine et le Japon.', 'Il vit \uE000between\uE001 la Chine et le Japon.'],
    ['Il part grâce à l’un des siens', 'Il part \uE000thanks to\uE001 \uE000one of the\uE001 siens'],
    ['certains d’entre eux, entre autres', 'certains \uE000of them\uE001, \uE000among others\uE001'],
  ])('%s', (french, marked) => {
    expect(markPhrases(french, toEnglish)).toBe(marked)
  })

  it('leaves protected spans and other targets alone', () => {
    expect(markPhrases('\uE000au sein de\uE001 lors de', toEnglish)).toBe('\uE000au sein de\uE001 \uE000during\uE001')
    expect(markPhrases('au sein de', { from: 'fr', to: 'es' })).toBe('au sein de')
  })
})

describe('Reporting clauses', () => {
  it.each([
    ['« Oui », a souligné le président.', '« Oui », le président \uE000stressed\uE001.'],
    ['« Oui », a-t-il dit.', '« Oui », \uE000he said\uE001.'],
    ['Il a réitéré son soutien.', '\uE000He reiterated\uE001 son soutien.'],
    ['Elle estime qu’il a dit non.', '\uE000She believes\uE001 \uE000that he said\uE001 non.'],
    ['Il a fait froid.', 'Il a fait froid.'],
  ])('%s', (french, marked) => {
    expect(uninvertReportingClauses(french, toEnglish)).toBe(marked)
  })

  it('leaves other targets alone', () => {
    expect(uninvertReportingClauses('Il a dit non.', { from: 'fr', to: 'es' })).toBe('Il a dit non.')
  })
})

describe('Perfects built with être', () => {
  it('take avoir before Apertium, so Spanish does not give "it is come"; reflexives and adjectives keep être', () => {
    expect(perfectWithAvoir('Il est venu. Elles seraient arrivées. Est devenue.', toEnglish)).toBe(
      'Il a venu. Elles auraient arrivées. A devenue.',
    )
    expect(perfectWithAvoir('Elle s’est entretenue. Il est né. Il est venu', { from: 'fr', to: 'es' })).toBe(
      'Elle s’est entretenue. Il est né. Il est venu',
    )
    expect(perfectWithAvoir('Elle s’est retournée, ils se sont retournés. Il est né.', toEnglish)).toBe(
      'Elle s’est retournée, ils se sont retournés. Il est né.',
    )
  })
})

describe('Apertium English clean-up', () => {
  it('puts the verb after the "we" that French "on" becomes in the plural', () => {
    expect(markPhrases('On note que, dans ces conditions, on doit partir.', toEnglish)).toBe(
      '\uE000We\uE001 note que, dans ces conditions, \uE000we\uE001 doit partir.',
    )
    expect(tidyEnglish('We notes that we has to leave, as we watches and we is here.', 'On note.')).toBe(
      'We note that we have to leave, as we watch and we are here.',
    )
    expect(tidyEnglish('We discuss this.', 'Nous discutons.')).toBe('We discuss this.')
  })

  it('drops the article English does not use before a noun in its general sense', () => {
    expect(tidyEnglish('For the peace, the growth and the terrorism.', 'x')).toBe('For peace, growth and terrorism.')
    expect(tidyEnglish('The growth of the rate, the peace that lasts.', 'x')).toBe('The growth of the rate, the peace that lasts.')
  })

  it('writes "non-" where the source had it', () => {
    expect(tidyEnglish('The no-respect and the no-go.', 'Le non-respect et le non-dit.')).toBe('The non-respect and the non-go.')
    expect(tidyEnglish('A no-go area.', 'Une zone interdite.')).toBe('A no-go area.')
  })
})

describe('English typography', () => {
  it('straightens quotes and apostrophes and drops the space French puts before : ; ! ? %', () => {
    expect(finishTarget('He said « yes » : it’s 5 % ! “Good” ?', 'en')).toBe('He said "yes": it\'s 5%! "Good"?')
    expect(finishTarget('Il dit « oui » !', 'fr')).toBe('Il dit « oui » !')
  })
})

describe('choosing between Apertium routes', () => {
  const via = (route: string, target: string, missed: string[] = []) => ({ route, target, unknownWords: missed, pivotLeftovers: [] })
  const choose = (candidates: ReturnType<typeof via>[], source = 'Une phrase.') => chooseRoute(candidates, source, toEnglish)

  it('takes the route that keeps the negations, then leaves fewer words untranslated, then reads more like English, then the first', () => {
    const negation = choose(
      [via('fr-es-en', 'There will be bicycles.'), via('fr-ca-en', 'There will not be bicycles.', ['vélos'])],
      "Il n'y aura pas de vélos.",
    )
    expect(negation).toMatchObject({ chosen: { route: 'fr-ca-en' }, reason: 'keeps_negation' })
    const fewer = choose([
      via('fr-es-en', 'The antiimmigration policy.', ['antiimmigration']),
      via('fr-ca-en', 'The policy against immigration.'),
    ])
    expect(fewer).toMatchObject({ chosen: { route: 'fr-ca-en' }, reason: 'fewer_untranslated_words' })
    // A word left in French outweighs reading more like English.
    const fewerOverFluent = choose([
      via('fr-es-en', 'The house is very big and the garden is green.', ['potager']),
      via('fr-ca-en', 'The dwelling is much large and the potager green.'),
    ])
    expect(fewerOverFluent).toMatchObject({ chosen: { route: 'fr-ca-en' }, reason: 'fewer_untranslated_words' })
    const english = choose([via('fr-es-en', 'The kicks of intelligence.'), via('fr-ca-en', 'The services of intelligence.')])
    expect(english).toMatchObject({ chosen: { route: 'fr-ca-en' }, reason: 'reads_more_like_english' })
    expect(choose([via('fr-es-en', 'Same.'), via('fr-ca-en', 'Same.')])).toMatchObject({
      chosen: { route: 'fr-es-en' },
      reason: 'preferred_route',
    })
  })

  it('counts "ne … pas" as a negation, not "ne … que" (only) nor "n’importe"', () => {
    const routes = [via('fr-es-en', 'He only sees bicycles.'), via('fr-ca-en', 'He does not see bicycles.')]
    expect(choose(routes, 'Il ne voit que des vélos.').reason).not.toBe('keeps_negation')
    expect(choose(routes, 'Il ne voit n’importe quel vélo.').reason).not.toBe('keeps_negation')
    expect(choose([via('fr-es-en', 'He never sees.'), via('fr-ca-en', 'He sees.')], 'Il ne voit jamais.')).toMatchObject({
      chosen: { route: 'fr-es-en' },
    })
  })

  it('offers the other route only when it says something else', () => {
    expect(choose([via('fr-es-en', 'The women vote.'), via('fr-ca-en', 'The women vote today.')]).alternative).toBeUndefined()
    expect(choose([via('fr-es-en', 'The women vote.'), via('fr-ca-en', 'Wives elect a ballot.')]).alternative).toMatchObject({
      route: 'fr-ca-en',
    })
  })
})
