/** The user's settings: one declaration gives both the strict schema of a change and the forgiving reader of the file. */
import { z } from 'zod'

const engineChoice = z.enum(['auto', 'bergamot', 'apertium', 'libretranslate'])

const readingShape = {
  fontFamily: z.enum(['serif', 'sans']),
  fontSize: z.number().min(12).max(32),
  lineHeight: z.number().min(1.2).max(2.4),
  /** The width of a column, in characters. */
  columnWidth: z.number().min(30).max(100),
  layout: z.enum(['side-by-side', 'interleaved', 'original', 'translation']),
  swapSides: z.boolean(),
}

const libreTranslateShape = {
  url: z.union([
    z.literal(''),
    z
      .url({ protocol: /^https?$/, error: 'the LibreTranslate address must start with http:// or https://' })
      .max(2048, 'the LibreTranslate address is too long'),
  ]),
  apiKey: z.string().max(512),
}

const topShape = {
  uiLanguage: z.enum(['system', 'en', 'fr', 'zh-CN']),
  targetLanguage: z.string().regex(/^[a-z]{2,3}$/),
  engine: engineChoice,
  theme: z.enum(['system', 'light', 'dark', 'sepia']),
}

export interface Settings {
  uiLanguage: z.infer<typeof topShape.uiLanguage>
  targetLanguage: string
  engine: z.infer<typeof engineChoice>
  theme: z.infer<typeof topShape.theme>
  libreTranslate: { url: string; apiKey: string }
  reading: { [K in keyof typeof readingShape]: z.infer<(typeof readingShape)[K]> }
}

export type ReadingLayout = Settings['reading']['layout']

export const defaultSettings: Settings = {
  uiLanguage: 'system',
  targetLanguage: 'en',
  engine: 'auto',
  theme: 'system',
  libreTranslate: { url: '', apiKey: '' },
  reading: { fontFamily: 'serif', fontSize: 18, lineHeight: 1.65, columnWidth: 70, layout: 'side-by-side', swapSides: false },
}

/** A change to the settings: any subset, every value checked. */
export const settingsPatchSchema = z
  .object({
    ...topShape,
    libreTranslate: z.object(libreTranslateShape).partial().strict(),
    reading: z.object(readingShape).partial().strict(),
  })
  .partial()
  .strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** Reads stored settings: what is missing or invalid takes its default, so a damaged value never blocks the app. */
export function readSettings(value: unknown): Settings {
  const stored = asObject(value)
  const pick = <T>(schema: z.ZodType<T>, raw: unknown, fallback: T): T => {
    const parsed = schema.safeParse(raw)
    return parsed.success ? parsed.data : fallback
  }
  const section = <S extends Record<string, z.ZodType>>(shape: S, raw: unknown, fallback: { [K in keyof S]: z.infer<S[K]> }) => {
    const object = asObject(raw)
    return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, pick(schema, object[key], fallback[key])])) as {
      [K in keyof S]: z.infer<S[K]>
    }
  }
  return {
    ...section(topShape, stored, defaultSettings),
    libreTranslate: section(libreTranslateShape, stored.libreTranslate, defaultSettings.libreTranslate),
    reading: section(readingShape, stored.reading, defaultSettings.reading),
  }
}

export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    ...patch,
    libreTranslate: { ...settings.libreTranslate, ...patch.libreTranslate },
    reading: { ...settings.reading, ...patch.reading },
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}
