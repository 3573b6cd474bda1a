import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { Article, ArticleSummary } from '../../api/contract'
import { ApiError } from '../../api/errors'
import { writeJsonAtomic } from '../fs/atomic-write'
import { AtomicJsonFile, readJsonFile } from './json-file-adapter'

export const LIBRARY_SCHEMA_VERSION = 1

export interface TrashedArticle extends ArticleSummary {
  deletedAt: string
}

export interface LibraryIndex {
  schemaVersion: number
  articles: ArticleSummary[]
  /** Deleted articles, kept (with their folders under `trash/`) so a delete can be undone. */
  trash: TrashedArticle[]
}

export interface NewArticle {
  article: Article
  summary: ArticleSummary
}

const TRASH_KEPT_DAYS = 30
/** Article folders written at once in a batch, so their fsyncs overlap. */
const PARALLEL_WRITES = 8

interface StoredArticle extends Article {
  schemaVersion: number
}

/**
 * The library folder: `library.json` (the lowdb index) and `articles/<id>/article.json`. Nothing is created on disk
 * until the first article is added, so reading a library never changes it.
 */
export class Library {
  private writing: Promise<unknown> = Promise.resolve()
  private readonly byId: Map<string, ArticleSummary>

  private constructor(
    readonly dir: string,
    private readonly index: Low<LibraryIndex>,
  ) {
    this.byId = new Map(index.data.articles.map((article) => [article.id, article]))
  }

  static async open(dir: string): Promise<Library> {
    await assertUsableFolder(dir)
    const index = new Low<LibraryIndex>(new AtomicJsonFile(join(dir, 'library.json')), emptyIndex())
    await index.read()
    index.data.trash ??= []
    for (const article of index.data.articles) article.position ??= null
    if (index.data.schemaVersion > LIBRARY_SCHEMA_VERSION) {
      throw new ApiError('invalid_input', `${join(dir, 'library.json')} was written by a newer Vis-à-vis; update the app.`)
    }
    return new Library(dir, index)
  }

  list(): ArticleSummary[] {
    return [...this.index.data.articles].sort((a, b) => b.addedAt.localeCompare(a.addedAt))
  }

  find(id: string): ArticleSummary | undefined {
    return this.byId.get(id)
  }

  async get(id: string): Promise<Article> {
    this.require(id)
    const stored = await readJsonFile<StoredArticle>(this.articleFile(id))
    if (!stored) throw new ApiError('not_found', `The article ${id} is listed but its folder is missing.`)
    const { schemaVersion: _version, ...article } = stored
    return article
  }

  /** Writes each article's folder first, then the index once for the whole batch; one batch at a time. */
  addMany(entries: NewArticle[]): Promise<void> {
    return this.serialize(async () => {
      await forEachConcurrently(entries, PARALLEL_WRITES, async ({ article }) => {
        await mkdir(this.articleFolder(article.id), { recursive: true })
        await writeJsonAtomic(this.articleFile(article.id), { schemaVersion: LIBRARY_SCHEMA_VERSION, ...article })
      })
      await this.index.update((data) => {
        for (const { summary } of entries) data.articles.push(summary)
      })
      for (const { summary } of entries) this.byId.set(summary.id, summary)
    })
  }

  /** Moves the article to the trash (folder and index entry), from where `restore` brings it back. */
  trash(id: string, now: Date): Promise<ArticleSummary> {
    return this.serialize(async () => {
      const summary = this.require(id)
      await mkdir(join(this.dir, 'trash'), { recursive: true })
      await rm(this.trashFolder(id), { recursive: true, force: true })
      await rename(this.articleFolder(id), this.trashFolder(id))
      await this.index.update((data) => {
        data.articles = data.articles.filter((article) => article.id !== id)
        data.trash.push({ ...summary, deletedAt: now.toISOString() })
      })
      this.byId.delete(id)
      return summary
    })
  }

  restore(id: string): Promise<ArticleSummary> {
    return this.serialize(async () => {
      const trashed = this.index.data.trash.find((article) => article.id === id)
      if (!trashed) throw new ApiError('not_found', `No deleted article with id ${id} to restore.`)
      await rename(this.trashFolder(id), this.articleFolder(id))
      const { deletedAt: _deletedAt, ...summary } = trashed
      await this.index.update((data) => {
        data.trash = data.trash.filter((article) => article.id !== id)
        data.articles.push(summary)
      })
      this.byId.set(id, summary)
      return summary
    })
  }

  /** Deletes for good what has been in the trash longer than 30 days. */
  emptyOldTrash(now: Date): Promise<void> {
    const limit = now.getTime() - TRASH_KEPT_DAYS * 24 * 3600 * 1000
    const old = this.index.data.trash.filter((article) => Date.parse(article.deletedAt) < limit)
    if (old.length === 0) return Promise.resolve()
    return this.serialize(async () => {
      for (const article of old) await rm(this.trashFolder(article.id), { recursive: true, force: true })
      await this.index.update((data) => {
        data.trash = data.trash.filter((article) => !old.includes(article))
      })
    })
  }

  setTags(id: string, tags: string[]): Promise<ArticleSummary> {
    return this.serialize(async () => {
      const summary = this.require(id)
      summary.tags = tags
      await this.index.write()
      return summary
    })
  }

  /** Remembers where the reader is; the index write is skipped when nothing changed. */
  setReadingPosition(id: string, position: string, progress: number): Promise<void> {
    return this.serialize(async () => {
      const summary = this.require(id)
      if (summary.position === position && summary.progress === progress) return
      summary.position = position
      summary.progress = progress
      await this.index.write()
    })
  }

  private require(id: string): ArticleSummary {
    const summary = this.byId.get(id)
    if (!summary) throw new ApiError('not_found', `No article with id ${id} in the library.`)
    return summary
  }

  articleFolder(id: string): string {
    return join(this.dir, 'articles', id)
  }

  private trashFolder(id: string): string {
    return join(this.dir, 'trash', id)
  }

  private articleFile(id: string): string {
    return join(this.articleFolder(id), 'article.json')
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writing.then(work, work)
    this.writing = next.catch(() => undefined)
    return next
  }
}

async function forEachConcurrently<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

function emptyIndex(): LibraryIndex {
  return { schemaVersion: LIBRARY_SCHEMA_VERSION, articles: [], trash: [] }
}

async function assertUsableFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    if (error.code === 'ENOTDIR') throw new ApiError('invalid_input', `The library path ${dir} lies inside a file.`)
    throw error
  })
  if (info && !info.isDirectory()) throw new ApiError('invalid_input', `The library path ${dir} is a file, not a folder.`)
}
