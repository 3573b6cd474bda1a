/**
 * French builds the perfect of verbs of movement and change with "être" ("il est venu"), which fr→es→en gives word
 * for word as "it is come". Before Apertium, those perfects take "avoir" ("il a venu"), which both routes give as
 * "has come". Reflexive verbs ("s'est entretenu") keep "être", which Apertium reads well. Only for French into English.
 */

const ETRE_TO_AVOIR: Record<string, string> = {
  suis: 'ai',
  es: 'as',
  est: 'a',
  sommes: 'avons',
  êtes: 'avez',
  sont: 'ont',
  étais: 'avais',
  était: 'avait',
  étions: 'avions',
  étiez: 'aviez',
  étaient: 'avaient',
  serai: 'aurai',
  sera: 'aura',
  serons: 'aurons',
  seront: 'auront',
  serait: 'aurait',
  seraient: 'auraient',
  soit: 'ait',
  soient: 'aient',
  être: 'avoir',
  étant: 'ayant',
}
/** Past participles of the verbs conjugated with "être" (not "né" or "mort", which are also adjectives). */
const PARTICIPLES = [
  'allé',
  'venu',
  'revenu',
  'devenu',
  'redevenu',
  'parvenu',
  'intervenu',
  'survenu',
  'arrivé',
  'parti',
  'reparti',
  'entré',
  'rentré',
  'sorti',
  'ressorti',
  'monté',
  'remonté',
  'descendu',
  'redescendu',
  'resté',
  'tombé',
  'retombé',
  'retourné',
  'décédé',
  'apparu',
]
const PERFECT_WITH_ETRE = new RegExp(
  `(?<![\\p{L}'’])(?<!(?:[smtl]['’]|(?:se|me|te|nous|vous) ))(${Object.keys(ETRE_TO_AVOIR).join('|')}) ((?:${PARTICIPLES.join('|')})(?:e|s|es)?)(?![\\p{L}-])`,
  'giu',
)

export function perfectWithAvoir(marked: string, pair: { from: string; to: string }): string {
  if (pair.from !== 'fr' || pair.to !== 'en') return marked
  return marked.replace(PERFECT_WITH_ETRE, (_whole, etre: string, participle: string) => {
    const avoir = ETRE_TO_AVOIR[etre.toLowerCase()]!
    return `${/^\p{Lu}/u.test(etre) ? avoir.charAt(0).toUpperCase() + avoir.slice(1) : avoir} ${participle}`
  })
}
