import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

import { z } from 'zod'

import { ApiError } from '../../api/errors'
import type { GlossaryEntry } from '../../api/shapes'
import { writeJsonAtomic } from '../fs/atomic-write'
import { withFileLock } from '../fs/file-lock'
import { assertWritable, moveAside, readJsonFile, type StoredFileKind } from '../fs/json-file'
import type { SourceTerm } from './protection/prepare'

/**
 * The reader's corrections, `glossary.json` in the library folder (human-readable, safe to sync): each entry says
 * how a word or phrase of the original is to be translated, by every engine. Every change is made on the file as it
 * is on disk, under the library's lock, so two processes lose nothing.
 */

export interface GlossaryFile {
  schemaVersion: number
  entries: GlossaryEntry[]
}

const text = z.string()
export const glossaryFile: StoredFileKind<GlossaryFile> = {
  version: 1,
  schema: z.object({
    schemaVersion: z.number().int().positive(),
    entries: z.array(z.object({ id: text, from: text, to: text, source: text, target: text, created: text })),
  }),
}

export interface Glossary {
  list(): Promise<GlossaryEntry[]>
  /** The terms that apply to one pair, for the translation pipeline. */
  termsFor(pair: { from: string; to: string }): Promise<SourceTerm[]>
  add(entry: { source: string; target: string; from: string; to: string }): Promise<GlossaryEntry>
  update(id: string, change: { source: string; target: string }): Promise<GlossaryEntry>
  remove(id: string): Promise<GlossaryEntry>
}

export function openGlossary(libraryDir: string, now: () => Date = () => new Date()): Glossary {
  const file = join(libraryDir, 'glossary.json')
  const lock = join(libraryDir, 'glossary.json.lock')

  async function read(): Promise<GlossaryFile | null> {
    try {
      return await readJsonFile(file, glossaryFile)
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'corrupt_file') throw error
      await moveAside(file)
      return null
    }
  }

  async function change<T>(edit: (entries: GlossaryEntry[]) => { entries: GlossaryEntry[]; result: T }): Promise<T> {
    // A library that holds no article yet may have no folder yet.
    await mkdir(libraryDir, { recursive: true })
    return withFileLock(lock, async () => {
      const stored = await read()
      assertWritable(file, stored, glossaryFile)
      const { entries, result } = edit(stored?.entries ?? [])
      await writeJsonAtomic(file, { schemaVersion: glossaryFile.version, entries } satisfies GlossaryFile)
      return result
    })
  }

  const clean = (text: string) => text.replace(/\s+/g, ' ').trim()
  const sameSource = (entry: GlossaryEntry, source: string, from: string, to: string) =>
    entry.from === from && entry.to === to && entry.source.toLocaleLowerCase() === source.toLocaleLowerCase()

  const entries = async () => (await read())?.entries ?? []

  return {
    list: entries,
    async termsFor({ from, to }) {
      return (await entries()).filter((entry) => entry.from === from && entry.to === to).map(({ source, target }) => ({ source, target }))
    },
    add({ source, target, from, to }) {
      const words = { source: clean(source), target: clean(target) }
      return change((entries) => {
        const existing = entries.find((entry) => sameSource(entry, words.source, from, to))
        const entry: GlossaryEntry = existing
          ? { ...existing, ...words }
          : { id: randomUUID(), from, to, ...words, created: now().toISOString() }
        return { entries: [...entries.filter((other) => other !== existing), entry], result: entry }
      })
    },
    update(id, { source, target }) {
      return change((entries) => {
        const existing = entries.find((entry) => entry.id === id)
        if (!existing) throw new ApiError('not_found', 'That glossary entry no longer exists.')
        const entry = { ...existing, source: clean(source), target: clean(target) }
        return { entries: entries.map((other) => (other === existing ? entry : other)), result: entry }
      })
    },
    remove(id) {
      return change((entries) => {
        const existing = entries.find((entry) => entry.id === id)
        if (!existing) throw new ApiError('not_found', 'That glossary entry no longer exists.')
        return { entries: entries.filter((other) => other !== existing), result: existing }
      })
    },
  }
}
