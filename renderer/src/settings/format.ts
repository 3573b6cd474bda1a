import { useTranslation } from 'react-i18next'

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const

/** A byte count in the UI language, in the largest unit that keeps it at or above 1 ("17.3 MB", "17,3 Mo"). */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: BYTE_UNITS[unit], maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)
}

export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value)
}

/** A language's name in the UI language: ours when we have one, else the browser's, else the code. */
export function useLanguageName(): (code: string) => string {
  const { t, i18n } = useTranslation()
  const names = displayNames(i18n.language)
  return (code) => t(`language.${code}`, { defaultValue: names?.of(code) ?? code })
}

/** A language's name as a sentence of the UI language says it ("French", "français", "法语"). */
export function languageInSentence(code: string, locale: string): string {
  return displayNames(locale)?.of(code) ?? code
}

/** A UI language's name in that language itself ("Français", "简体中文"), as a language menu shows it. */
export function endonym(code: string): string {
  const tag = code === 'zh-CN' ? 'zh-Hans' : code
  const name = displayNames(tag)?.of(tag) ?? code
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1)
}

// Made once per language: every translation cell of the reader asks for one when it is drawn.
const displayNamesByLocale = new Map<string, Intl.DisplayNames | null>()

function displayNames(locale: string): Intl.DisplayNames | null {
  if (!displayNamesByLocale.has(locale)) displayNamesByLocale.set(locale, newDisplayNames(locale))
  return displayNamesByLocale.get(locale)!
}

function newDisplayNames(locale: string): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' })
  } catch {
    return null
  }
}

/**
 * The core reports invalid arguments as "Invalid arguments for updateSettings: patch.x.y: what is wrong; …".
 * Returns what is wrong with the value at `path`, as a sentence, or null when the message is about something else.
 */
export function issueAt(message: string, path: string): string | null {
  const issues = message
    .replace(/^Invalid arguments for \w+: /, '')
    .replace(/\.$/, '')
    .split('; ')
  const issue = issues.find((candidate) => candidate.startsWith(`${path}: `))
  if (!issue) return null
  const text = issue.slice(path.length + 2)
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[\p{L}\p{N}]$/u.test(text) ? '.' : ''}`
}
