/** Formats an ISO 8601 date (with or without a time) for the UI language. */
export function formatDate(iso: string | null, locale: string): string | null {
  if (!iso) return null
  const hasTime = iso.includes('T')
  const date = new Date(hasTime ? iso : `${iso}T00:00:00`)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, hasTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' }).format(date)
}

/** Where a comma writes decimals (French: 1,5), spreadsheets such as Excel split CSV at semicolons. */
export function csvDelimiterFor(locale: string): ',' | ';' {
  return new Intl.NumberFormat(locale).format(1.5).includes(',') ? ';' : ','
}
