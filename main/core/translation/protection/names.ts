import namesData from './data/names.fr-en.json'
import { atSentenceStart, capitalise, type ProtectedSpan } from './spans'

/**
 * Proper names in French text. Engines translate names that are also words ("Nice Matin" → "Nice Morning", "Actes
 * Sud" → "South Records") or respell them through a pivot language ("Nazarbaïev" → "Nazarbàiev"), so names are kept
 * as written; places and institutions whose English name differs come from a data file.
 */

const CAPITALISED = String.raw`\p{Lu}[\p{L}\p{M}'’-]*`
const INITIAL = String.raw`\p{Lu}\.`
const PARTICLE = String.raw`(?:de la|de|du|des|von|van|der|den|di|da|del|bin|ben|ibn|al)`
const NAME_WORD = `(?:${INITIAL}|${CAPITALISED})`
/** Two or more capitalised words or initials, with particles between them ("Charles de Gaulle", "Marsha P. Johnson"). */
const NAME_SEQUENCE = new RegExp(
  `(?<![\\p{L}\\p{N}])${NAME_WORD}(?:[ \\u00A0](?:${PARTICLE}[ \\u00A0])?${NAME_WORD})+(?![\\p{L}\\p{N}])`,
  'gu',
)
const SINGLE_NAME = new RegExp(`(?<![\\p{L}\\p{N}])${CAPITALISED}(?![\\p{L}\\p{N}])`, 'gu')
/** French titles before a name, and their English form ("M. Xi" → "Mr Xi"). */
const TITLES_EN: Record<string, string> = {
  'M.': 'Mr',
  'MM.': 'Messrs',
  Mme: 'Mrs',
  'Mme.': 'Mrs',
  Mmes: 'Mmes',
  Mlle: 'Miss',
  'Mlle.': 'Miss',
  Dr: 'Dr',
  'Dr.': 'Dr',
}
const TITLED_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(MM\\.|M\\.|Mmes|Mme\\.?|Mlle\\.?|Dr\\.?)[ \\u00A0](${NAME_WORD}(?:[ \\u00A0](?:${PARTICLE}[ \\u00A0])?${NAME_WORD})*)(?![\\p{L}\\p{N}])`,
  'gu',
)

/** What precedes a known place or institution, and what English puts there: "du Japon" → "of Japan". */
const LEAD_INS: [RegExp, string][] = [
  [/(?<![\p{L}\p{N}])(?:le|la|les)[ \u00A0]$/iu, 'the '],
  [/(?<![\p{L}\p{N}])l['’]$/iu, 'the '],
  [/(?<![\p{L}\p{N}])(?:du|des)[ \u00A0]$/iu, 'of the '],
  [/(?<![\p{L}\p{N}])(?:au|aux|en|à)[ \u00A0]$/iu, 'in the '],
  // Capitals often go without their accent: a sentence's "A Toulouse" is "À Toulouse".
  [/^[\s«"“(—–-]*A[ \u00A0]$/u, 'in the '],
]
const KNOWN_NAMES: Record<string, string> = namesData.names
const DESCRIPTIVE_HEADS = new Set(namesData.descriptiveHeads)
const KNOWN_NAME_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${Object.keys(KNOWN_NAMES)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
)

/**
 * Places and institutions of the data file in their English form, taking the French article or preposition before
 * them: "la Chine" → "China", "les États-Unis" → "the United States" (the data says where English has "the").
 */
export function knownPlaceSpans(sentence: string): ProtectedSpan[] {
  return [...sentence.matchAll(KNOWN_NAME_PATTERN)].map((match) => {
    const before = sentence.slice(0, match.index)
    const lead = LEAD_INS.find(([pattern]) => pattern.test(before))
    const start = lead ? before.search(lead[0]) : match.index
    const replacement = capitaliseAtSentenceStart(sentence, start, withLeadIn(KNOWN_NAMES[match[0]]!, lead?.[1]))
    return { start, end: match.index + match[0].length, replacement, kind: 'name' as const }
  })
}

/**
 * The English name after the lead-in's English: "the" stays only where both languages have an article ("les
 * États-Unis" → "the United States", "la Chine" → "China", "(UE)" → "(EU)").
 */
function withLeadIn(english: string, leadIn: string | undefined): string {
  const hasArticle = english.startsWith('the ')
  if (!leadIn) return hasArticle ? english.slice(4) : english
  const preposition = leadIn.replace(/the $/, '')
  return preposition + english
}

/** "M. Xi" → "Mr Xi" for English; other targets keep the name and let the engine translate the title. */
export function titledNameSpans(sentence: string, to: string): ProtectedSpan[] {
  return [...sentence.matchAll(TITLED_NAME)].map((match) => {
    const title = to === 'en' ? TITLES_EN[match[1]!] : undefined
    const nameStart = match.index + match[0].length - match[2]!.length
    return title
      ? { start: match.index, end: match.index + match[0].length, replacement: `${title} ${match[2]}`, kind: 'name' as const }
      : { start: nameStart, end: match.index + match[0].length, replacement: match[2]!, kind: 'name' as const }
  })
}

/**
 * Runs of capitalised words kept as written, unless a common noun heads them ("Ville de Montréal" is translated).
 * At the start of a sentence the first word counts only when `known` has it (a name seen mid-sentence elsewhere in
 * the text); a single capitalised word counts only when known.
 */
export function nameSpans(sentence: string, known: ReadonlySet<string>): ProtectedSpan[] {
  const spans: ProtectedSpan[] = []
  for (const match of sentence.matchAll(NAME_SEQUENCE)) {
    if (DESCRIPTIVE_HEADS.has(firstWord(match[0]))) continue
    let start = match.index
    let text = match[0]
    // A sentence's first word is capitalised anyway: it starts a name only when it is a known one.
    if (atSentenceStart(sentence.slice(0, start)) && !known.has(firstWord(text))) {
      const rest = text.indexOf(' ', 0) + 1 || text.indexOf('\u00A0') + 1
      start += rest
      text = text.slice(rest)
      if (!/[ \u00A0]/.test(text) && !known.has(text)) continue
    }
    spans.push({ start, end: start + text.length, replacement: text, kind: 'name' })
  }
  for (const match of sentence.matchAll(SINGLE_NAME)) {
    if (known.has(match[0])) spans.push({ start: match.index, end: match.index + match[0].length, replacement: match[0], kind: 'name' })
  }
  return spans
}

/** The words of the names written mid-sentence in these sentences: a name met once is known at a sentence start. */
export function namesSeenMidSentence(sentences: string[]): Set<string> {
  const known = new Set<string>()
  for (const sentence of sentences) {
    for (const match of sentence.matchAll(NAME_SEQUENCE)) {
      if (atSentenceStart(sentence.slice(0, match.index)) || DESCRIPTIVE_HEADS.has(firstWord(match[0]))) continue
      for (const word of match[0].split(/[ \u00A0]/)) if (word.length > 2 && /^\p{Lu}/u.test(word) && !word.endsWith('.')) known.add(word)
    }
  }
  return known
}

function firstWord(text: string): string {
  return text.split(/[ \u00A0]/)[0]!
}

function capitaliseAtSentenceStart(sentence: string, start: number, text: string): string {
  return atSentenceStart(sentence.slice(0, start)) ? capitalise(text) : text
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
