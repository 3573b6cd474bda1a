import { capitalise, MARKED_SPAN, protect, SPAN_OPEN } from '../protection/spans'

/**
 * News French puts the speaker after the verb at the end of a quote: "…, a souligné M. Xi." Apertium keeps that
 * order word for word ("…, has underlined Mr Xi."); English says "…, Mr Xi stressed." This puts the speaker first
 * and gives the verb its English form as a protected span; a pronoun that speaks ("il a déclaré") is a person
 * ("he said"). Only for French into English.
 */

/** Reporting verbs: past participle, present, and their English past and present. */
const VERBS: [participle: string, present: string, past: string, presentEnglish: string][] = [
  ['affirmé', 'affirme', 'said', 'says'],
  ['déclaré', 'déclare', 'said', 'says'],
  ['dit', 'dit', 'said', 'says'],
  ['indiqué', 'indique', 'said', 'says'],
  ['estimé', 'estime', 'said', 'believes'],
  ['jugé', 'juge', 'said', 'believes'],
  ['souligné', 'souligne', 'stressed', 'stresses'],
  ['martelé', 'martèle', 'insisted', 'insists'],
  ['insisté', 'insiste', 'insisted', 'insists'],
  ['expliqué', 'explique', 'explained', 'explains'],
  ['ajouté', 'ajoute', 'added', 'adds'],
  ['précisé', 'précise', 'said', 'says'],
  ['poursuivi', 'poursuit', 'continued', 'continues'],
  ['assuré', 'assure', 'said', 'says'],
  ['annoncé', 'annonce', 'announced', 'announces'],
  ['noté', 'note', 'noted', 'notes'],
  ['rappelé', 'rappelle', 'recalled', 'recalls'],
  ['averti', 'avertit', 'warned', 'warns'],
  ['prévenu', 'prévient', 'warned', 'warns'],
  ['conclu', 'conclut', 'concluded', 'concludes'],
  ['observé', 'observe', 'observed', 'observes'],
  ['constaté', 'constate', 'noted', 'notes'],
  ['relevé', 'relève', 'noted', 'notes'],
  ['commenté', 'commente', 'commented', 'comments'],
  ['confié', 'confie', 'said', 'says'],
  ['répondu', 'répond', 'replied', 'replies'],
  ['reconnu', 'reconnaît', 'admitted', 'admits'],
  ['regretté', 'regrette', 'regretted', 'regrets'],
  ['raconté', 'raconte', 'recounted', 'recounts'],
  ['écrit', 'écrit', 'wrote', 'writes'],
  ['dénoncé', 'dénonce', 'denounced', 'denounces'],
  ['résumé', 'résume', 'summed up', 'sums up'],
  ['réitéré', 'réitère', 'reiterated', 'reiterates'],
  ['proposé', 'propose', 'proposed', 'proposes'],
  ['promis', 'promet', 'promised', 'promises'],
  ['demandé', 'demande', 'asked', 'asks'],
  ['plaidé', 'plaide', 'argued', 'argues'],
  ['exprimé', 'exprime', 'expressed', 'expresses'],
  ['salué', 'salue', 'welcomed', 'welcomes'],
]
const PRONOUNS: Record<string, string> = { il: 'he', elle: 'she', ils: 'they', elles: 'they', on: 'we' }
const PAST_AUXILIARIES = new Set(['a', 'ont', 'avait', 'avaient'])

const participles = VERBS.map(([participle]) => participle).join('|')
const presents = VERBS.map(([, present]) => present).join('|')
/** Where a reporting clause starts: after a comma or a closing quotation mark. */
const CLAUSE_START = String.raw`([,»"”]\s*)`
/** A speaker: a determiner, a name or a protected span, then anything up to the clause's end. */
const SPEAKER = String.raw`((?:(?:le|la|les|l['’]|un|une|son|sa|ses|leur|cet|cette|ce)\s|${MARKED_SPAN}|\p{Lu})(?:${MARKED_SPAN}|[^,;:.!?«»"“”${SPAN_OPEN}])*?)`
const CLAUSE_END = String.raw`(?=\s*(?:[,;.!?]|$))`

const INVERTED_PRONOUN = new RegExp(
  `${CLAUSE_START}(?:(a|ont|avait|avaient)(?:-t)?-|(${presents})(?:-t)?-)(il|elle|ils|elles|on)(?: (${participles}))?${CLAUSE_END}`,
  'gu',
)
/** "Il a déclaré", "elle estime": a person speaks, whom Apertium calls "it" (or loses, through Spanish). */
const SPEAKING_PRONOUN = new RegExp(
  `(?<![\\p{L}'’])(qu['’])?(il|elle|Il|Elle) (?:(a|avait) (${participles})|(${presents}))(?![\\p{L}-])`,
  'gu',
)
const INVERTED_SPEAKER = new RegExp(`${CLAUSE_START}(?:(a|ont|avait|avaient) (${participles})|(${presents})) ${SPEAKER}${CLAUSE_END}`, 'gu')

export function uninvertReportingClauses(marked: string, pair: { from: string; to: string }): string {
  if (pair.from !== 'fr' || pair.to !== 'en') return marked
  return marked
    .replace(INVERTED_PRONOUN, (whole, start: string, auxiliary?: string, present?: string, pronoun?: string, participle?: string) => {
      const english = englishVerb(auxiliary, participle, present)
      return english ? `${start}${protect(`${PRONOUNS[pronoun!]} ${english}`)}` : whole
    })
    .replace(INVERTED_SPEAKER, (whole, start: string, auxiliary?: string, participle?: string, present?: string, speaker?: string) => {
      const english = englishVerb(auxiliary, participle, present)
      return english ? `${start}${speaker} ${protect(english)}` : whole
    })
    .replace(SPEAKING_PRONOUN, (whole, that?: string, pronoun?: string, auxiliary?: string, participle?: string, present?: string) => {
      const english = englishVerb(auxiliary, participle, present)
      if (!english) return whole
      const subject = `${PRONOUNS[pronoun!.toLowerCase()]} ${english}`
      return protect(that ? `that ${subject}` : /^\p{Lu}/u.test(pronoun!) ? capitalise(subject) : subject)
    })
}

function englishVerb(auxiliary: string | undefined, participle: string | undefined, present: string | undefined): string | undefined {
  if (auxiliary !== undefined) {
    if (!PAST_AUXILIARIES.has(auxiliary) || !participle) return undefined
    return VERBS.find(([form]) => form === participle)?.[2]
  }
  return VERBS.find(([, form]) => form === present)?.[3]
}
