import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

import { describe, expect, it } from 'vitest'

import en from '../../renderer/src/i18n/locales/en.json'
import fr from '../../renderer/src/i18n/locales/fr.json'
import zhCN from '../../renderer/src/i18n/locales/zh-CN.json'

const RENDERER = join(import.meta.dirname, '../../renderer/src')
const LANGUAGES = { en, fr, 'zh-CN': zhCN } as Record<string, unknown>

/** Every leaf key ("reader.layouts.interleaved"), plural suffixes folded ("library.count"). */
function leafKeys(resources: unknown, prefix = ''): string[] {
  return Object.entries(resources as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

function valueAt(resources: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources)
}

const withoutPlural = (key: string) => key.replace(/_(one|other|zero|few|many|two)$/, '')

async function rendererSources(): Promise<{ file: string; source: string }[]> {
  const entries = await readdir(RENDERER, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.tsx')).map((e) => join(e.parentPath, e.name))
  return Promise.all(files.map(async (file) => ({ file: relative(RENDERER, file), source: await readFile(file, 'utf8') })))
}

async function keysUsedInRenderer(): Promise<string[]> {
  const keys = new Set<string>()
  for (const { source } of await rendererSources()) {
    for (const match of source.matchAll(/\bt\(\s*'([^']+)'/g)) keys.add(match[1]!)
    // Keys chosen in an expression (`t(ok ? 'library.imported' : 'library.duplicate')`); event names are not keys.
    for (const match of source.matchAll(/'((?:library|reader|settings|nav|help|error)\.[\w.-]+)'/g)) {
      if (!/^(library|settings)\.(changed|merged)$/.test(match[1]!)) keys.add(match[1]!)
    }
  }
  return [...keys]
}

describe('i18n', () => {
  const english = new Set(leafKeys(en).map(withoutPlural))

  it('has every key the renderer uses, in English', async () => {
    const used = await keysUsedInRenderer()
    expect(used.length).toBeGreaterThan(40)
    expect(used.filter((key) => !english.has(key))).toEqual([])
  })

  it.each(['fr', 'zh-CN'])('has every English key in %s, and no other', (language) => {
    const keys = new Set(leafKeys(LANGUAGES[language]).map(withoutPlural))
    expect([...english].filter((key) => !keys.has(key))).toEqual([])
    expect([...keys].filter((key) => !english.has(key))).toEqual([])
  })

  it.each(['fr', 'zh-CN'])('keeps every placeholder in %s', (language) => {
    for (const key of leafKeys(en)) {
      const placeholders = String(valueAt(en, key)).match(/\{\{[^}]+\}\}/g) ?? []
      const translated = String(valueAt(LANGUAGES[language], key) ?? valueAt(LANGUAGES[language], `${withoutPlural(key)}_other`))
      for (const placeholder of placeholders) expect(translated, `${language} ${key}`).toContain(placeholder)
    }
  })

  it('is translated: French and Chinese differ from English except for names and shared words', () => {
    const names = new Set(['Vis-à-vis', 'Bergamot', 'Apertium', 'LibreTranslate', '?', 'Esc', 'Enter'])
    /** Keys whose text is the same in every language: a French sample shown as French, a URL, a bare pair of codes. */
    const languageNeutral = new Set(['settings.appearance.previewText', 'settings.libre.urlPlaceholder', 'settings.models.pair'])
    /** Words French shares with English. */
    const sameInFrench = new Set([
      'library.count_one',
      'library.count_other',
      'library.tagsPlaceholder',
      'reader.original',
      'notes.counterpart.original',
      'language.ca',
      'settings.library.version',
      'nav.notes',
      'notes.title',
      'merge.notes_one',
      'merge.notes_other',
    ])
    for (const language of ['fr', 'zh-CN']) {
      const untranslated = leafKeys(en).filter((key) => {
        const value = valueAt(en, key) as string
        if (valueAt(LANGUAGES[language], key) !== value || names.has(value) || languageNeutral.has(key)) return false
        return !(language === 'fr' && sameInFrench.has(key)) && /[a-z]{3}/.test(value)
      })
      expect(untranslated, language).toEqual([])
    }
  })

  it('sets French punctuation as French typography does: a non-breaking space before ? ! ; : » and after «', () => {
    const misspaced = leafKeys(fr)
      .map((key) => [key, String(valueAt(fr, key))] as const)
      .filter(([, value]) => /[ \t][?!;:»]|«[ \t]|[\p{L}\p{N}][?!;»]/u.test(value))
    expect(misspaced).toEqual([])
  })

  it('shows no user-visible text in components that bypasses i18next', async () => {
    // Key caps are the keys' own names, the same in every language.
    const keyNames = new Set(['Enter', 'Esc', 'Backspace'])
    const bypasses: string[] = []
    for (const { file, source } of await rendererSources()) {
      // Text between JSX tags: skip TypeScript generics ("Promise<boolean>"), where a name runs into "<".
      for (const match of source.matchAll(/>([^<>{}\n]*\p{L}{2,}[^<>{}\n]*)<(\/?)/gu)) {
        const text = match[1]!.trim()
        const generic = match[2] === '' && /\w$/.test(match[1]!)
        if (generic || /=>|&&|\|\||\?\s|\breturn\b|\(|\)/.test(text) || keyNames.has(text)) continue
        bypasses.push(`${file}: "${text}"`)
      }
      for (const match of source.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*\p{L}{2,}[^"]*)"/gu)) {
        if (!/^https?:\/\/$/.test(match[2]!)) bypasses.push(`${file}: ${match[1]}="${match[2]}"`)
      }
    }
    expect(bypasses).toEqual([])
  })
})
