/** Formats an ISO 8601 date (with or without a time) for the UI language. */
export function formatDate(iso: string | null, locale: string): string | null {
  if (!iso) return null
  const hasTime = iso.includes('T')
  const date = new Date(hasTime ? iso : `${iso}T00:00:00`)
  if (Number.isNaN(date.getTime())) return iso
  return dateFormat(locale, hasTime).format(date)
}

// A formatter takes a millisecond or more to make: the library's rows and the reader's header are drawn often.
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function dateFormat(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale} ${withTime}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' })
    dateFormats.set(key, format)
  }
  return format
}

/** Where a comma writes decimals (French: 1,5), spreadsheets such as Excel split CSV at semicolons. */
export function csvDelimiterFor(locale: string): ',' | ';' {
  return new Intl.NumberFormat(locale).format(1.5).includes(',') ? ';' : ','
}
