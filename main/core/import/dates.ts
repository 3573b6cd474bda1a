const FRENCH_MONTHS: Record<string, number> = {
  janvier: 1,
  février: 2,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  août: 8,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  decembre: 12,
  'janv.': 1,
  'févr.': 2,
  'fevr.': 2,
  'avr.': 4,
  'juil.': 7,
  'sept.': 9,
  'oct.': 10,
  'nov.': 11,
  'déc.': 12,
  'dec.': 12,
}

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/
const NUMERIC = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:,? (?:à )?(\d{1,2})[h:](\d{2}))?$/
const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)'
const FRENCH_WORDS = new RegExp(
  `^(?:(?:publié|mis à jour|modifié)(?: le)? ?:? )?(?:le )?(?:${WEEKDAY} )?(\\d{1,2})(?:er)? (\\p{L}+\\.?) (\\d{4})(?:,? (?:à )?(\\d{1,2})[h:](\\d{2}))?$`,
  'iu',
)

/**
 * Reads a line that holds only a date ("2018-06-08 10:20:25", "8 juin 2018", "Publié le 8 juin 2018 à 10h20",
 * "08/06/2018") and returns it as ISO 8601, with the time when one is given. Anything else returns null.
 */
export function parseDateLine(line: string): string | null {
  const text = line.trim()
  const iso = ISO_LIKE.exec(text)
  if (iso) return format(+iso[1]!, +iso[2]!, +iso[3]!, iso[4], iso[5], iso[6])
  const numeric = NUMERIC.exec(text)
  if (numeric) return format(+numeric[3]!, +numeric[2]!, +numeric[1]!, numeric[4], numeric[5])
  const words = FRENCH_WORDS.exec(text)
  if (words) {
    const month = FRENCH_MONTHS[words[2]!.toLowerCase()]
    if (month) return format(+words[3]!, month, +words[1]!, words[4], words[5])
  }
  return null
}

function format(year: number, month: number, day: number, hours?: string, minutes?: string, seconds?: string): string | null {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1800 || year > 2200) return null
  const ymd = `${year}-${pad(month)}-${pad(day)}`
  if (hours === undefined || minutes === undefined) return ymd
  if (+hours > 23 || +minutes > 59 || +(seconds ?? 0) > 59) return null
  return `${ymd}T${pad(+hours)}:${minutes}:${seconds ?? '00'}`
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

const ISO_FULL =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i
const SLASHED_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/
const ENGLISH_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i

/**
 * Reads a date as pages publish it in metadata or on a line of their own and returns it as ISO 8601: ISO dates and
 * timestamps (the time zone, when given, is kept as an offset), compact "20190507", "2019/05/07", French dates
 * (whatever `parseDateLine` reads) and English or RFC 2822 dates ("Tue, 07 May 2019 11:59:43 GMT", read in UTC).
 * Anything else returns null.
 */
export function toIsoDate(value: string): string | null {
  const text = value.replace(/\s+/g, ' ').trim()
  if (text === '') return null
  const iso = ISO_FULL.exec(text)
  if (iso) {
    const local = format(+iso[1]!, +iso[2]!, +iso[3]!, iso[4], iso[5], iso[6])
    if (local === null || iso[4] === undefined) return local
    const fraction = iso[7] ? `.${iso[7].slice(0, 3).padEnd(3, '0')}` : ''
    return `${local}${fraction}${formatZone(iso[8])}`
  }
  const slashed = SLASHED_YMD.exec(text)
  if (slashed) return format(+slashed[1]!, +slashed[2]!, +slashed[3]!)
  const line = parseDateLine(text)
  if (line) return line
  if (ENGLISH_MONTH.test(text) && /\b\d{4}\b/.test(text)) {
    const time = Date.parse(text)
    if (!Number.isNaN(time)) return new Date(time).toISOString()
  }
  return null
}

function formatZone(zone: string | undefined): string {
  if (zone === undefined) return ''
  if (/^(?:z|utc|gmt)$/i.test(zone)) return 'Z'
  const digits = zone.replace(':', '')
  return `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`
}

const DATE_NOTICE = /^(?:article |dernière )?(?:publié|publiée|mis à jour|mise à jour|modifié|actualisé)(?:\s+le|\s*:)?\s+/i

/** A line that only says when the article was published or updated ("Publié le 8 juin 2018 à 10h20"). */
export function dateNotice(text: string): string | null {
  const first = text.split(/\s*[,|–—]\s*(?=mis[e]? à jour|modifié|actualisé)/i)[0] ?? text
  return parseDateLine(first.replace(DATE_NOTICE, '').replace(/\.$/, ''))
}
