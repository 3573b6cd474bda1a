/**
 * The user's settings as plain values: their type, choices, bounds and defaults, without the schemas that check them
 * (main/api/settings.ts), so the renderer bundles no validator.
 */
import { engineIds } from './shapes'

export const uiLanguages = ['system', 'en', 'fr', 'zh-CN'] as const
export const themes = ['system', 'light', 'dark', 'sepia'] as const
export const engineChoices = ['auto', ...engineIds] as const
export const fontFamilies = ['serif', 'sans'] as const
export const readingLayouts = ['side-by-side', 'interleaved', 'original', 'translation'] as const

export type ReadingLayout = (typeof readingLayouts)[number]

/** The range each numeric reading setting may take; the schema and the controls both read it. */
export const readingBounds = {
  fontSize: { min: 12, max: 32 },
  lineHeight: { min: 1.2, max: 2.4 },
  /** The width of a column, in characters. */
  columnWidth: { min: 30, max: 100 },
} as const

export interface ReadingSettings {
  fontFamily: (typeof fontFamilies)[number]
  fontSize: number
  lineHeight: number
  columnWidth: number
  layout: ReadingLayout
  swapSides: boolean
}

export interface Settings {
  uiLanguage: (typeof uiLanguages)[number]
  targetLanguage: string
  engine: (typeof engineChoices)[number]
  theme: (typeof themes)[number]
  libreTranslate: { url: string; apiKey: string }
  reading: ReadingSettings
}

/** A change to the settings: any subset. */
export type SettingsPatch = Partial<Omit<Settings, 'libreTranslate' | 'reading'>> & {
  libreTranslate?: Partial<Settings['libreTranslate']>
  reading?: Partial<ReadingSettings>
}

export const defaultSettings: Settings = {
  uiLanguage: 'system',
  targetLanguage: 'en',
  engine: 'auto',
  theme: 'system',
  libreTranslate: { url: '', apiKey: '' },
  reading: { fontFamily: 'serif', fontSize: 18, lineHeight: 1.65, columnWidth: 70, layout: 'side-by-side', swapSides: false },
}

export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    ...patch,
    libreTranslate: { ...settings.libreTranslate, ...patch.libreTranslate },
    reading: { ...settings.reading, ...patch.reading },
  }
}

/** A numeric reading setting brought within its bounds. */
export function withinBounds(setting: keyof typeof readingBounds, value: number): number {
  const { min, max } = readingBounds[setting]
  return Math.min(max, Math.max(min, value))
}
