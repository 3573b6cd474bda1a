import { createHash } from 'node:crypto'
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeJsonAtomic } from '../fs/atomic-write'
import { readJsonFile } from '../library/json-file-adapter'
import type { EngineId, EngineIdentity } from './engine'

/** Which translation a cache holds: the engine, its model and the target language. */
export interface CacheKey {
  engine: EngineId
  model: string
  to: string
}

interface StoredTranslations {
  schemaVersion: number
  identity: EngineIdentity
  to: string
  /** Translated sentences by the hash of their source text. */
  sentences: Record<string, string>
}

export function sentenceHash(source: string): string {
  return createHash('sha256').update(source.normalize('NFC')).digest('hex').slice(0, 20)
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
  private constructor(
    private readonly file: string,
    private readonly stored: StoredTranslations,
  ) {}

  static async open(articleDir: string, key: CacheKey, identity: EngineIdentity): Promise<ArticleTranslations> {
    const file = join(articleDir, 'translations', `${fileStem(key)}.json`)
    const stored = (await readJsonFile<StoredTranslations>(file).catch(() => null)) ?? {
      schemaVersion: 1,
      identity,
      to: key.to,
      sentences: {},
    }
    return new ArticleTranslations(file, stored)
  }

  /** Every translation cached for an article, each read once, for reading without an engine. */
  static async allIn(articleDir: string): Promise<ArticleTranslations[]> {
    const folder = join(articleDir, 'translations')
    const files = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'))
    const found: ArticleTranslations[] = []
    for (const name of files) {
      const stored = await readJsonFile<StoredTranslations>(join(folder, name)).catch(() => null)
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

  get(source: string): string | undefined {
    return this.stored.sentences[sentenceHash(source)]
  }

  set(source: string, target: string): void {
    this.stored.sentences[sentenceHash(source)] = target
  }

  async save(): Promise<void> {
    await mkdir(join(this.file, '..'), { recursive: true })
    await writeJsonAtomic(this.file, this.stored)
  }
}

/**
 * Every sentence the library has had translated, per engine identity and target, so a sentence is never translated
 * twice across articles. An append-only JSON-lines file per key under `translation-memory/`; a lost line only
 * costs a re-translation.
 */
export class TranslationMemory {
  private readonly loaded = new Map<string, Promise<Map<string, string>>>()

  constructor(private readonly dir: string) {}

  async lookup(identity: EngineIdentity, to: string, source: string): Promise<string | undefined> {
    return (await this.entries(identity, to)).get(sentenceHash(source))
  }

  async remember(identity: EngineIdentity, to: string, pairs: { source: string; target: string }[]): Promise<void> {
    if (pairs.length === 0) return
    const entries = await this.entries(identity, to)
    const lines = pairs.map(({ source, target }) => {
      const hash = sentenceHash(source)
      entries.set(hash, target)
      return `${JSON.stringify({ h: hash, t: target })}\n`
    })
    await mkdir(this.dir, { recursive: true })
    await appendFile(this.fileFor(identity, to), lines.join(''))
  }

  private fileFor(identity: EngineIdentity, to: string): string {
    return join(this.dir, `${fileStem({ engine: identity.engine, model: `${identity.model}-${identity.version}`, to })}.jsonl`)
  }

  private entries(identity: EngineIdentity, to: string): Promise<Map<string, string>> {
    const file = this.fileFor(identity, to)
    let entries = this.loaded.get(file)
    if (!entries) {
      entries = readMemoryFile(file)
      this.loaded.set(file, entries)
    }
    return entries
  }
}

async function readMemoryFile(file: string): Promise<Map<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const entries = new Map<string, string>()
  for (const line of text.split('\n')) {
    try {
      const { h, t } = JSON.parse(line) as { h: string; t: string }
      if (typeof h === 'string' && typeof t === 'string') entries.set(h, t)
    } catch {
      // A line cut short by a crash: that sentence is translated again when needed.
    }
  }
  return entries
}
