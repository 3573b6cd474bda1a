import { atSentenceStart, type ProtectedSpan } from './spans'

/**
 * French numbers, amounts and dates in their English form: "5 mars" → "5 March", "3,12 %" → "3.12%", "10 000" →
 * "10,000", "448 millions d'euros" → "€448 million", "1h45" → "1:45", "124e" → "124th". Each is protected, so the
 * engine neither reads nor respells it.
 */

const MONTHS: Record<string, string> = {
  janvier: 'January',
  février: 'February',
  mars: 'March',
  avril: 'April',
  mai: 'May',
  juin: 'June',
  juillet: 'July',
  août: 'August',
  septembre: 'September',
  octobre: 'October',
  novembre: 'November',
  décembre: 'December',
}
const WEEKDAYS: Record<string, string> = {
  lundi: 'Monday',
  mardi: 'Tuesday',
  mercredi: 'Wednesday',
  jeudi: 'Thursday',
  vendredi: 'Friday',
  samedi: 'Saturday',
  dimanche: 'Sunday',
}
const SCALES: Record<string, string> = { million: 'million', millions: 'million', milliard: 'billion', milliards: 'billion' }
const CURRENCIES: [RegExp, string][] = [
  [/^(?:d['’]euros?|euros?|€)$/u, '€'],
  [/^(?:de dollars?|dollars?|\$)$/u, '$'],
  [/^(?:de livres?|livres?|£)$/u, '£'],
]

/** A French number: thousands grouped by spaces or dots, decimals after a comma. */
const NUMBER = String.raw`\d{1,3}(?:[ \u00A0\u202F.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?`
const BOUNDARY_BEFORE = String.raw`(?<![\p{L}\p{N},.])`
const BOUNDARY_AFTER = String.raw`(?![\p{L}\p{N}])`

const DATE = new RegExp(
  `${BOUNDARY_BEFORE}(?:([Ll]e)[ \\u00A0])?(?:(${Object.keys(WEEKDAYS).join('|')})[ \\u00A0])?(1er|\\d{1,2})[ \\u00A0](${Object.keys(MONTHS).join('|')})(?:[ \\u00A0](\\d{4}))?${BOUNDARY_AFTER}`,
  'giu',
)
const PARTS_OF_DAY: Record<string, string> = { matin: 'morning', midi: 'lunchtime', 'après-midi': 'afternoon', soir: 'evening' }
const RELATIVE_DAYS: Record<string, string> = { dernier: 'last', prochain: 'next' }
/** A weekday with no date after it: "jeudi", "mercredi matin", "mardi dernier". */
const WEEKDAY = new RegExp(
  `${BOUNDARY_BEFORE}(?:[Ll]e[ \u00A0])?(${Object.keys(WEEKDAYS).join('|')})(?:[ \u00A0](${Object.keys(PARTS_OF_DAY).join('|')}))?(?:[ \u00A0](${Object.keys(RELATIVE_DAYS).join('|')}))?(?![\\p{L}\\p{N}-]|[ \\u00A0](?:1er|\\d))`,
  'giu',
)
const AMOUNT = new RegExp(
  `${BOUNDARY_BEFORE}(${NUMBER})(?:[ \\u00A0](millions?|milliards?))?[ \\u00A0]?(d['’]euros?|euros?|€|de dollars?|dollars?|\\$|de livres?|livres?|£)${BOUNDARY_AFTER}`,
  'gu',
)
const SCALED = new RegExp(
  `${BOUNDARY_BEFORE}(${NUMBER})[ \\u00A0](millions?|milliards?)(?:[ \\u00A0]de(?=[ \\u00A0])|[ \\u00A0](d['’]))?`,
  'gu',
)
const PERCENT = new RegExp(`${BOUNDARY_BEFORE}(${NUMBER})[ \\u00A0\\u202F]?(%|pour[ \\u00A0]cent${BOUNDARY_AFTER})`, 'gu')
const TIME = new RegExp(`${BOUNDARY_BEFORE}(\\d{1,2})h(\\d{2})?${BOUNDARY_AFTER}`, 'gu')
const ORDINAL = new RegExp(`${BOUNDARY_BEFORE}(\\d+)(er|re|ère|e|ème|eme)${BOUNDARY_AFTER}`, 'gu')
const GROUPED = new RegExp(`${BOUNDARY_BEFORE}(${NUMBER})${BOUNDARY_AFTER}`, 'gu')
/** Words after which "le 5 mars" is just "5 March", not "on 5 March". */
const PREPOSITIONS = /(?:^|[\s'’])(?:depuis|dès|avant|après|jusqu['’]au|pour|par|vers|entre|que|qu['’]|et|ou|à|de|d['’]|au|du)[ \u00A0]*$/iu

export function englishNumberSpans(sentence: string): ProtectedSpan[] {
  return [
    ...spans(sentence, DATE, (match) => dateInEnglish(sentence, match)),
    ...spans(sentence, WEEKDAY, (match) => weekdayInEnglish(sentence, match)),
    ...spans(sentence, AMOUNT, ([, amount, scale, currency]) => amountInEnglish(amount!, scale, currency!)),
    ...spans(sentence, SCALED, ([, amount, scale, elided]) => `${englishNumber(amount!)} ${SCALES[scale!]}${elided ? ' ' : ''}`),
    ...spans(sentence, PERCENT, ([, amount, unit]) => (unit === '%' ? `${englishNumber(amount!)}%` : `${englishNumber(amount!)} per cent`)),
    ...spans(sentence, TIME, ([, hours, minutes]) => `${hours}:${minutes ?? '00'}`),
    ...spans(sentence, ORDINAL, ([, number]) => englishOrdinal(Number(number))),
    ...spans(sentence, GROUPED, ([number]) => englishNumber(number!)).filter(
      (span) => span.replacement !== sentence.slice(span.start, span.end),
    ),
  ]
}

function spans(sentence: string, pattern: RegExp, replacement: (match: RegExpExecArray) => string): ProtectedSpan[] {
  return [...sentence.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    replacement: replacement(match),
    kind: 'number' as const,
  }))
}

/**
 * "le 5 mars 2019" → "on 5 March 2019", "mardi 7 mai" → "on Tuesday 7 May"; after a preposition, "depuis le 5 mars"
 * → "since" + "5 March".
 */
function dateInEnglish(sentence: string, match: RegExpExecArray): string {
  const [, article, weekday, day, month, year] = match
  const date = [WEEKDAYS[weekday?.toLowerCase() ?? ''], day === '1er' ? '1' : day, MONTHS[month!.toLowerCase()], year]
    .filter(Boolean)
    .join(' ')
  return article || weekday ? adverbialAt(sentence, match.index, date) : date
}

/** A day as an adverbial, "on …", unless a preposition comes before it ("depuis le 5 mars" → "since 5 March"). */
function adverbialAt(sentence: string, index: number, day: string): string {
  const before = sentence.slice(0, index)
  if (PREPOSITIONS.test(before)) return day
  return atSentenceStart(before) ? `On ${day}` : `on ${day}`
}

/** "jeudi" → "on Thursday", "mercredi matin" → "on Wednesday morning"; after a preposition, no "on". */
function weekdayInEnglish(sentence: string, match: RegExpExecArray): string {
  const [, weekday, partOfDay, relative] = match
  const day = [WEEKDAYS[weekday!.toLowerCase()], partOfDay && PARTS_OF_DAY[partOfDay.toLowerCase()]].filter(Boolean).join(' ')
  // "mardi dernier" is "last Tuesday", with no "on" before it.
  return relative ? `${RELATIVE_DAYS[relative.toLowerCase()]} ${day}` : adverbialAt(sentence, match.index, day)
}

function amountInEnglish(amount: string, scale: string | undefined, currency: string): string {
  const symbol = CURRENCIES.find(([pattern]) => pattern.test(currency))![1]
  return `${symbol}${englishNumber(amount)}${scale ? ` ${SCALES[scale]}` : ''}`
}

/** "10 000" and "10.000" → "10,000"; "3,12" → "3.12". Four digits written together stay so, as years do. */
export function englishNumber(french: string): string {
  const [whole, decimals] = french.split(',')
  const digits = whole!.replace(/[ \u00A0\u202F.]/g, '')
  const grouped = digits.length > 4 || digits !== whole ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits
  return decimals === undefined ? grouped : `${grouped}.${decimals}`
}

function englishOrdinal(number: number): string {
  const lastTwo = number % 100
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][number % 10] ?? 'th')
  return `${number}${suffix}`
}
