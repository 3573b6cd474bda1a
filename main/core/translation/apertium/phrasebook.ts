import phrasebook from './data/phrasebook.fr-en.json'
import { SPAN_CLOSE, SPAN_OPEN } from '../protection/spans'

/**
 * French fixed expressions that Apertium translates word by word, given their English as protected spans (see
 * data/phrasebook.fr-en.json). Only for French into English, and only outside spans already protected.
 */

const WORD_BEFORE = String.raw`(?<![\p{L}\p{N}'’-])`
const WORD_AFTER = String.raw`(?![\p{L}\p{N}-])`
const PHRASES = new Map(Object.entries(phrasebook.phrases).map(([french, english]) => [french.toLowerCase(), english]))
const PHRASE_PATTERN = new RegExp(
  `${WORD_BEFORE}(?:${[...PHRASES.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})${WORD_AFTER}`,
  'giu',
)
const UNITS: Record<string, string[]> = phrasebook.timeAgo.units
const COUNTS: Record<string, string> = phrasebook.timeAgo.counts
const TIME_AGO = new RegExp(
  `${WORD_BEFORE}il y a (\\d+|${Object.keys(COUNTS).join('|')}) (${Object.keys(UNITS).join('|')})${WORD_AFTER}`,
  'giu',
)
const PROTECTED = new RegExp(`(${SPAN_OPEN}[^${SPAN_CLOSE}]*${SPAN_CLOSE})`)

export function markPhrases(marked: string, pair: { from: string; to: string }): string {
  if (pair.from !== 'fr' || pair.to !== 'en') return marked
  return marked
    .split(PROTECTED)
    .map((part, i) => (i % 2 === 1 ? part : markIn(part, i === 0)))
    .join('')
}

function markIn(text: string, startsSentence: boolean): string {
  return text
    .replace(TIME_AGO, (_whole, count: string, unit: string, offset: number) => mark(timeAgo(count, unit), startsSentence && atStart(text, offset)))
    .replace(PHRASE_PATTERN, (whole, offset: number) => mark(PHRASES.get(whole.toLowerCase())!, startsSentence && atStart(text, offset)))
}

function timeAgo(count: string, unit: string): string {
  const number = COUNTS[count.toLowerCase()] ?? count
  const [singular, plural] = UNITS[unit.toLowerCase()]!
  const english = number === 'a' || number === '1' ? singular : plural
  return [number, english, 'ago'].filter(Boolean).join(' ')
}

function mark(english: string, capitalise: boolean): string {
  return SPAN_OPEN + (capitalise ? english.charAt(0).toUpperCase() + english.slice(1) : english) + SPAN_CLOSE
}

function atStart(text: string, offset: number): boolean {
  return /^[\s«"“(—–-]*$/.test(text.slice(0, offset))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
