import { createHash } from 'node:crypto'
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { z } from 'zod'

import type { SentencePair } from '../../api/shapes'
import { engineIds, routeReasons } from '../../api/shapes'
import { writeJsonAtomic } from '../fs/atomic-write'
import { readJsonFile, type StoredFileKind } from '../fs/json-file'
import { withoutConflictCopies } from '../sync/conflict-names'
import type { EngineId, EngineIdentity } from './engine'
import type { SourceTerm } from './protection/prepare'

/** Which translation a cache holds: the engine, its model and the target language. */
export interface CacheKey {
  engine: EngineId
  model: string
  to: string
}

/** A sentence's translation as cached: its text, and how the engine got there when it says. */
export type CachedSentence = Omit<SentencePair, 'source'>

/** Files written before routes were kept hold the target text alone. */
type StoredSentence = string | CachedSentence

export interface StoredTranslations {
  schemaVersion: number
  identity: EngineIdentity
  to: string
  /** Translated sentences by the hash of their source text and the glossary terms applied to it. */
  sentences: Record<string, StoredSentence>
}

const cachedSentence = z.object({
  target: z.string(),
  route: z.string().optional(),
  routeReason: z.enum(routeReasons).optional(),
  unknownWords: z.array(z.string()).optional(),
  unsure: z.boolean().optional(),
  alternative: z.object({ route: z.string(), target: z.string() }).optional(),
})
export const translationsFile: StoredFileKind<StoredTranslations> = {
  version: 1,
  schema: z.object({
    schemaVersion: z.number().int().positive(),
    identity: z.object({ engine: z.enum(engineIds), model: z.string(), version: z.string() }),
    to: z.string(),
    sentences: z.record(z.string(), z.union([z.string(), cachedSentence])),
  }),
}

/** What a cached translation depends on besides the engine: the source text and the glossary terms it contains. */
export interface SentenceKey {
  source: string
  terms: SourceTerm[]
}

export function sentenceHash({ source, terms }: SentenceKey): string {
  const hash = createHash('sha256').update(source.normalize('NFC'))
  for (const { source: term, target } of terms) hash.update(`\u0000${term.normalize('NFC')}\u0001${target.normalize('NFC')}`)
  return hash.digest('hex').slice(0, 20)
}

type MergeCopies = (file: string) => Promise<void>

const SAVE_WITHIN_MS = 1000

/**
 * Sentences in the order of their keys: two computers that translated the same sentences in another order write the
 * same file, so a sync tool sees no conflict.
 */
export function sortedSentences(sentences: StoredTranslations['sentences']): StoredTranslations['sentences'] {
  return Object.fromEntries(Object.entries(sentences).sort(([a], [b]) => (a < b ? -1 : 1)))
}

function fromStored(stored: StoredSentence | undefined): CachedSentence | undefined {
  return typeof stored === 'string' ? { target: stored } : stored
}

function fileStem({ engine, model, to }: CacheKey): string {
  return `${engine}-${model}-${to}`.replace(/[^\w.+-]+/g, '_')
}

/**
 * An article's translations on disk, `articles/<id>/translations/<engine>-<model>-<target>.json`, keyed by sentence
 * hash: editing a paragraph re-translates only its changed sentences, and a translated article reopens with no
 * engine at all.
 */
export class ArticleTranslations {
  private saveTimer: NodeJS.Timeout | undefined
  private saving: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private readonly stored: StoredTranslations,
  ) {}

  /** `mergeCopies` merges a sync tool's conflict copies into a cache file before it is read. */
  static async open(articleDir: string, key: CacheKey, identity: EngineIdentity, mergeCopies: MergeCopies): Promise<ArticleTranslations> {
    const file = join(articleDir, 'translations', `${fileStem(key)}.json`)
    await mergeCopies(file)
    const stored = (await readJsonFile(file, translationsFile).catch(() => null)) ?? {
      schemaVersion: translationsFile.version,
      identity,
      to: key.to,
      sentences: {},
    }
    return new ArticleTranslations(file, stored)
  }

  /** Every translation cached for an article, each read once, for reading without an engine. */
  static async allIn(articleDir: string, mergeCopies: MergeCopies): Promise<ArticleTranslations[]> {
    const folder = join(articleDir, 'translations')
    const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'))
    const found: ArticleTranslations[] = []
    for (const name of withoutConflictCopies(names)) {
      await mergeCopies(join(folder, name))
      const stored = await readJsonFile(join(folder, name), translationsFile).catch(() => null)
      if (stored) found.push(new ArticleTranslations(join(folder, name), stored))
    }
    return found
  }

  get key(): CacheKey {
    return { engine: this.stored.identity.engine, model: this.stored.identity.model, to: this.stored.to }
  }

  get identity(): EngineIdentity {
    return this.stored.identity
  }

  get(key: SentenceKey): CachedSentence | undefined {
    return fromStored(this.stored.sentences[sentenceHash(key)])
  }

  set(key: SentenceKey, translation: CachedSentence): void {
    this.stored.sentences[sentenceHash(key)] = translation
  }

  /**
   * Writes the cache, unless a newer app wrote the file: its translations still serve, and it is left as it is.
   * Saves run one after another, so the last one written holds every sentence.
   */
  save(): Promise<void> {
    clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    const write = async () => {
      if (this.stored.schemaVersion > translationsFile.version) return
      await mkdir(join(this.file, '..'), { recursive: true })
      await writeJsonAtomic(this.file, { ...this.stored, sentences: sortedSentences(this.stored.sentences) })
    }
    this.saving = this.saving.then(write, write)
    return this.saving
  }

  /**
   * Saves within a second, once for all the sentences set meanwhile: each save writes the whole article, so saving
   * every paragraph of a book-length one would take ever longer. A sentence not saved yet is in the translation
   * memory already (see TranslationMemory), so a crash costs no translation.
   */
  saveSoon(): void {
    this.saveTimer ??= setTimeout(() => void this.save().catch(() => undefined), SAVE_WITHIN_MS)
  }
}

/**
 * Every sentence the library has had translated, per engine identity and target, so a sentence is never translated
 * twice across articles. An append-only JSON-lines file per key under `translation-memory/`; a lost line only
 * costs a re-translation.
 */
export class TranslationMemory {
  private readonly loaded = new Map<string, Promise<Map<string, CachedSentence>>>()

  constructor(private readonly dir: string) {}

  async lookup(identity: EngineIdentity, to: string, key: SentenceKey): Promise<CachedSentence | undefined> {
    return (await this.entries(identity, to)).get(sentenceHash(key))
  }

  async remember(identity: EngineIdentity, to: string, translations: { key: SentenceKey; translation: CachedSentence }[]): Promise<void> {
    if (translations.length === 0) return
    const entries = await this.entries(identity, to)
    const lines = translations.map(({ key, translation }) => {
      const hash = sentenceHash(key)
      entries.set(hash, translation)
      return `${JSON.stringify({ h: hash, ...translation })}\n`
    })
    await mkdir(this.dir, { recursive: true })
    await appendFile(this.fileFor(identity, to), lines.join(''))
  }

  private fileFor(identity: EngineIdentity, to: string): string {
    return join(this.dir, `${fileStem({ engine: identity.engine, model: `${identity.model}-${identity.version}`, to })}.jsonl`)
  }

  private entries(identity: EngineIdentity, to: string): Promise<Map<string, CachedSentence>> {
    const file = this.fileFor(identity, to)
    let entries = this.loaded.get(file)
    if (!entries) {
      entries = readMemoryFile(file)
      this.loaded.set(file, entries)
    }
    return entries
  }
}

async function readMemoryFile(file: string): Promise<Map<string, CachedSentence>> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const entries = new Map<string, CachedSentence>()
  for (const line of text.split('\n')) {
    try {
      // Lines written before routes were kept have the target as `t`.
      const { h, t, ...translation } = JSON.parse(line) as Partial<CachedSentence> & { h: string; t?: string }
      const target = translation.target ?? t
      if (typeof h === 'string' && typeof target === 'string') entries.set(h, { ...translation, target })
    } catch {
      // A line cut short by a crash: that sentence is translated again when needed.
    }
  }
  return entries
}
