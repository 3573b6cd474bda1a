/** The schemas of the settings (their plain shape is in settings-shape.ts): the strict schema of a change, and the forgiving reader of the file. */
import { z } from 'zod'

import {
  defaultSettings,
  engineChoices,
  fontFamilies,
  readingBounds,
  readingLayouts,
  type Settings,
  type SettingsPatch,
  themes,
  uiLanguages,
} from './settings-shape'

const between = ({ min, max }: { min: number; max: number }) => z.number().min(min).max(max)

const readingShape = {
  fontFamily: z.enum(fontFamilies),
  fontSize: between(readingBounds.fontSize),
  lineHeight: between(readingBounds.lineHeight),
  columnWidth: between(readingBounds.columnWidth),
  layout: z.enum(readingLayouts),
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
  uiLanguage: z.enum(uiLanguages),
  targetLanguage: z.string().regex(/^[a-z]{2,3}$/),
  engine: z.enum(engineChoices),
  theme: z.enum(themes),
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

// The schema checks exactly the plain shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const patchMatchesShape: Same<z.infer<typeof settingsPatchSchema>, SettingsPatch> = true
void patchMatchesShape

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

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}
