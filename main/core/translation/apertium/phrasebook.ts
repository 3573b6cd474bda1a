import { atSentenceStart, capitalise, MARKED_SPAN, protect } from '../protection/spans'
import phrasebook from './data/phrasebook.fr-en.json'

/**
 * French fixed expressions that Apertium translates word by word, given their English as protected spans (see
 * data/phrasebook.fr-en.json). Only for French into English, and only outside spans already protected.
 */

const WORD_BEFORE = String.raw`(?<![\p{L}\p{N}'’-])`
const WORD_AFTER = String.raw`(?![\p{L}\p{N}-])`
const PHRASES = new Map(Object.entries(phrasebook.phrases).map(([french, english]) => [french.toLowerCase(), english]))
const PHRASE_PATTERN = new RegExp(
  `${WORD_BEFORE}(?:${[...PHRASES.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})${WORD_AFTER}`,
  'giu',
)
const UNITS: Record<string, string[]> = phrasebook.timeAgo.units
const COUNTS: Record<string, string> = phrasebook.timeAgo.counts
const TIME_AGO = new RegExp(
  `${WORD_BEFORE}il y a (\\d+|${Object.keys(COUNTS).join('|')}) (${Object.keys(UNITS).join('|')})${WORD_AFTER}`,
  'giu',
)
const PROTECTED = new RegExp(`(${MARKED_SPAN})`)

export function markPhrases(marked: string, pair: { from: string; to: string }): string {
  if (pair.from !== 'fr' || pair.to !== 'en') return marked
  return marked
    .split(PROTECTED)
    .map((part, i) => (i % 2 === 1 ? part : markIn(part, i === 0)))
    .join('')
}

function markIn(text: string, startsSentence: boolean): string {
  return text
    .replace(TIME_AGO, (_whole, count: string, unit: string, offset: number) =>
      mark(timeAgo(count, unit), startsSentence && atStart(text, offset)),
    )
    .replace(PHRASE_PATTERN, (whole, offset: number) => mark(PHRASES.get(whole.toLowerCase())!, startsSentence && atStart(text, offset)))
}

function timeAgo(count: string, unit: string): string {
  const number = COUNTS[count.toLowerCase()] ?? count
  const [singular, plural] = UNITS[unit.toLowerCase()]!
  const english = number === 'a' || number === '1' ? singular : plural
  return [number, english, 'ago'].filter(Boolean).join(' ')
}

function mark(english: string, atStartOfSentence: boolean): string {
  return protect(atStartOfSentence ? capitalise(english) : english)
}

function atStart(text: string, offset: number): boolean {
  return atSentenceStart(text.slice(0, offset))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A noun sent through Apertium as a stand-in of the same gender and number, and the English it stands for. */
export interface StandIn {
  /** The stand-in's English, as Apertium writes it ("zebra"). */
  standIn: string
  english: string
}

/** Nouns both routes translate one way only, by gender and number: "zèbre" → "zebra", "baleines" → "whales". */
const STAND_INS: Record<string, [french: string, english: string]> = {
  'm-sg': ['zèbre', 'zebra'],
  'm-pl': ['zèbres', 'zebras'],
  'f-sg': ['baleine', 'whale'],
  'f-pl': ['baleines', 'whales'],
}
const NOUNS = new Map(
  Object.entries(phrasebook.nouns).map(([french, [english, gender, number]]) => [
    french,
    { english: english!, kind: `${gender}-${number}` },
  ]),
)
const NOUN_PATTERN = new RegExp(`${WORD_BEFORE}(?:${[...NOUNS.keys()].map(escapeRegExp).join('|')})${WORD_AFTER}`, 'gu')

/**
 * Replaces the phrasebook's ambiguous nouns (outside protected spans) by stand-ins, one of each gender and number
 * per sentence, and none in a sentence that has a stand-in's word already; a second noun of the same gender and
 * number is given its English as a protected span.
 */
export function standInNouns(marked: string, pair: { from: string; to: string }): { text: string; standIns: StandIn[] } {
  const standIns: StandIn[] = []
  if (pair.from !== 'fr' || pair.to !== 'en' || /zèbre|baleine|zebra|whale/i.test(marked)) return { text: marked, standIns }
  const used = new Set<string>()
  const text = marked
    .split(PROTECTED)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(NOUN_PATTERN, (noun) => {
            const { english, kind } = NOUNS.get(noun)!
            if (used.has(kind)) return protect(english)
            used.add(kind)
            const [french, standIn] = STAND_INS[kind]!
            standIns.push({ standIn, english })
            return french
          }),
    )
    .join('')
  return { text, standIns }
}

/** The translation with each stand-in's English replaced by the noun's, keeping its capital. */
export function restoreStandIns(target: string, standIns: StandIn[]): string {
  return standIns.reduce(
    (text, { standIn, english }) =>
      text.replace(new RegExp(`\\b${standIn}\\b`, 'i'), (found) => (/^\p{Lu}/u.test(found) ? capitalise(english) : english)),
    target,
  )
}
