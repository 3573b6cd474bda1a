import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { ApiError, detailOf } from '../../api/errors'
import { type Article, ARTICLE_ID, type ArticleSummary, type EngineId, type TranslationCoverage } from '../../api/shapes'
import { writeJsonAtomic } from '../fs/atomic-write'
import { withFileLock } from '../fs/file-lock'
import { pathInside } from '../fs/inside'
import { assertWritable, moveAside, readJsonFile } from '../fs/json-file'
import { IndexStore } from './index-store'
import { articleFile, articleVersionFor, type JournalEntry, libraryIndexFile, type StoredArticle } from './library-files'
import { summaryOf } from './summary'

/** What a change to the index wrote (nothing, when it changed nothing), and what it answers. */
interface Changes<T> {
  entries: JournalEntry[]
  result: T
}

export interface NewArticle {
  article: Article
  summary: ArticleSummary
}

const TRASH_KEPT_DAYS = 30
/** Article folders written at once in a batch, so their fsyncs overlap. */
const PARALLEL_WRITES = 8

/**
 * The library folder: the index (`library.json` and its journal, see IndexStore) and `articles/<id>/article.json`.
 * Nothing is created on disk until the first article is added, so reading a library never changes it. Every change
 * first reads what other processes (the app, the CLI) changed, under a lock shared with them, so none overwrites
 * another's work. A damaged index is set aside and rebuilt from the article folders, which are the source of truth.
 */
export class Library {
  private writing: Promise<unknown> = Promise.resolve()
  private readonly index: IndexStore
  /** The list, newest first, sorted again only when the index has changed since. */
  private sorted: { revision: number; list: ArticleSummary[] } | null = null
  /** Article folders whose article.json names another article: never listed, reported once. */
  private readonly foreignFolders = new Set<string>()
  /** What was found damaged and set aside while opening or reading, for the user to see. */
  readonly problems: string[] = []

  private constructor(readonly dir: string) {
    this.index = new IndexStore(dir, (problem) => this.problems.push(problem))
  }

  static async open(dir: string): Promise<Library> {
    await assertUsableFolder(dir)
    const library = new Library(dir)
    await library.index.refresh()
    await library.addFoldersToIndex()
    return library
  }

  list(): ArticleSummary[] {
    const { revision } = this.index
    if (this.sorted?.revision !== revision) {
      const list = [...this.index.articles.values()].sort((a, b) => (a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : 0))
      this.sorted = { revision, list }
    }
    return [...this.sorted.list]
  }

  find(id: string): ArticleSummary | undefined {
    return this.index.articles.get(id)
  }

  async get(id: string): Promise<Article> {
    if (!this.index.articles.has(id)) await this.index.refresh() // another process may have added it since
    this.require(id)
    let stored: StoredArticle | null
    try {
      stored = await readJsonFile(this.articleFile(id), articleFile)
      if (stored && stored.id !== id) throw new ApiError('corrupt_file', `${this.articleFile(id)} names another article (${stored.id}).`)
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'corrupt_file') throw error
      return this.setAsideDamagedArticle(id)
    }
    if (!stored)
      throw new ApiError(
        'not_found',
        `The article ${id} is listed but its folder is missing; delete it from the list, or put its folder back.`,
      )
    const { schemaVersion: _version, ...article } = stored
    return article
  }

  /**
   * Reads what another process or a sync tool changed; `folders` also looks for article folders the index lacks (a
   * folder synced in). True when the list may differ.
   */
  async reload({ folders = true } = {}): Promise<boolean> {
    const changed = await this.index.refresh()
    return (folders && (await this.addFoldersToIndex())) || changed
  }

  /** Writes each article's folder first, then the index once for the whole batch. */
  async addMany(entries: NewArticle[]): Promise<void> {
    await forEachConcurrently(entries, PARALLEL_WRITES, async ({ article }) => {
      await mkdir(this.articleFolder(article.id), { recursive: true })
      await writeJsonAtomic(this.articleFile(article.id), { schemaVersion: articleVersionFor(article), ...article })
    })
    await this.mutate(() => ({
      entries: entries.filter(({ summary }) => !this.index.articles.has(summary.id)).map(({ summary }) => ({ article: summary })),
      result: undefined,
    }))
  }

  /**
   * Gives an article stored without structure (before article.json version 2) the block kinds and marks of the same
   * text imported again; false, and nothing written, when its texts differ or it has structure already.
   */
  async addStructure(article: Article): Promise<boolean> {
    const stored = await this.get(article.id)
    const sameTexts =
      stored.paragraphs.length === article.paragraphs.length &&
      stored.paragraphs.every((paragraph, i) => paragraph.text === article.paragraphs[i]!.text)
    const hasStructure = (paragraphs: Article['paragraphs']) => paragraphs.some((paragraph) => paragraph.kind || paragraph.marks)
    if (!sameTexts || hasStructure(stored.paragraphs) || !hasStructure(article.paragraphs)) return false
    await writeJsonAtomic(this.articleFile(article.id), {
      schemaVersion: articleVersionFor(article),
      ...stored,
      paragraphs: article.paragraphs,
    })
    return true
  }

  /** Moves the article to the trash (folder and index entry), from where `restore` brings it back. */
  trash(id: string, now: Date): Promise<ArticleSummary> {
    return this.mutate(async () => {
      const summary = this.require(id)
      await mkdir(join(this.dir, 'trash'), { recursive: true })
      await rm(this.trashFolder(id), { recursive: true, force: true })
      await rename(this.articleFolder(id), this.trashFolder(id))
      return { entries: [{ removed: id }, { trashed: { ...summary, deletedAt: now.toISOString() } }], result: summary }
    })
  }

  restore(id: string): Promise<ArticleSummary> {
    return this.mutate(async () => {
      const trashed = this.index.trash.get(id)
      if (!trashed) throw new ApiError('not_found', `No deleted article with id ${id} to restore.`)
      if (this.index.articles.has(id)) {
        throw new ApiError(
          'already_exists',
          `“${trashed.title}” is in the library again (imported since); the deleted copy stays in the trash.`,
        )
      }
      await rename(this.trashFolder(id), this.articleFolder(id))
      const { deletedAt: _deletedAt, ...summary } = trashed
      return { entries: [{ purged: id }, { article: summary }], result: summary }
    })
  }

  /** Deletes for good what has been in the trash longer than 30 days. */
  async emptyOldTrash(now: Date): Promise<void> {
    const limit = now.getTime() - TRASH_KEPT_DAYS * 24 * 3600 * 1000
    const oldTrash = () => [...this.index.trash.values()].filter((article) => Date.parse(article.deletedAt) < limit)
    if (oldTrash().length === 0) return
    await this.mutate(async () => {
      const old = oldTrash()
      for (const article of old) await rm(this.trashFolder(article.id), { recursive: true, force: true })
      return { entries: old.map((article) => ({ purged: article.id })), result: undefined }
    })
  }

  setTags(id: string, tags: string[]): Promise<ArticleSummary> {
    return this.changeSummary(id, (summary) => (summary.tags = tags))
  }

  /** Remembers the engine chosen for the article. */
  setEngine(id: string, engine: EngineId): Promise<ArticleSummary> {
    return this.changeSummary(id, (summary) => (summary.engine = engine))
  }

  /** Remembers how far the article's latest translation got; false, and nothing written, when that is known already. */
  async setTranslation(id: string, coverage: TranslationCoverage): Promise<boolean> {
    const known = this.require(id).translation
    if (known ? sameCoverage(known, coverage) : coverage.translated === 0) return false
    await this.changeSummary(id, (summary) => (summary.translation = coverage))
    return true
  }

  /** Changes an article's entry (a copy: the list handed out before does not change under its reader). */
  private changeSummary(id: string, change: (summary: ArticleSummary) => void): Promise<ArticleSummary> {
    return this.mutate(() => {
      const summary = { ...this.require(id) }
      change(summary)
      return { entries: [{ article: summary }], result: summary }
    })
  }

  /** Remembers where the reader is. */
  async setReadingPosition(id: string, position: string, progress: number): Promise<void> {
    const summary = this.require(id)
    if (summary.position === position && summary.progress === progress) return
    await this.changeSummary(id, (current) => Object.assign(current, { position, progress }))
  }

  articleFolder(id: string): string {
    return pathInside(this.dir, 'articles', checkedId(id))
  }

  /** The lock every process takes to change this library's files. */
  withLock<T>(work: () => Promise<T>): Promise<T> {
    return withFileLock(join(this.dir, 'library.lock'), work)
  }

  /**
   * One change to the index: one at a time in this process, under the lock across processes, planned on the index
   * as it is on disk now (never on a stale copy). The plan says what changed; nothing is written when nothing did.
   * A journal grown large is folded into library.json after the change, still under the lock but not in its way.
   */
  private mutate<T>(plan: () => Changes<T> | Promise<Changes<T>>): Promise<T> {
    const run = () =>
      this.underLock(async () => {
        const { entries, result } = await plan()
        await this.index.write(entries)
        if (this.index.compactionDue) this.queue(() => this.underLock(() => this.index.compact()).catch(this.reportCompaction))
        return result
      })
    return this.queue(run)
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writing.then(work, work)
    this.writing = next.catch(() => undefined)
    return next
  }

  private async underLock<T>(work: () => Promise<T>): Promise<T> {
    await mkdir(this.dir, { recursive: true })
    return this.withLock(async () => {
      await this.index.refresh()
      assertWritable(this.index.snapshotFile, { schemaVersion: this.index.version }, libraryIndexFile)
      return work()
    })
  }

  private readonly reportCompaction = (error: unknown) => {
    // The journal keeps every change meanwhile; folding it is tried again after the next change.
    this.problems.push(`${this.index.journalFile} could not be folded into ${this.index.snapshotFile}: ${detailOf(error)}`)
  }

  /**
   * Adds article folders the index lacks (an import cut short between its two writes, a folder synced in); true when
   * it found any. Reading never depends on writing: on a read-only or full disk, or with an index a newer app wrote,
   * they are listed for this run only, and the reason is reported.
   */
  private async addFoldersToIndex(): Promise<boolean> {
    const found = await this.summariesOfMissingFolders()
    if (found.length === 0) return false
    await this.mutate(() => ({
      entries: found.filter((summary) => !this.index.articles.has(summary.id)).map((summary) => ({ article: summary })),
      result: undefined,
    })).catch((error: unknown) => {
      for (const summary of found) this.index.apply({ article: summary })
      this.problems.push(
        `Article folders missing from ${this.index.snapshotFile} are listed, but could not be added to it: ${detailOf(error)}`,
      )
    })
    return true
  }

  private async summariesOfMissingFolders(): Promise<ArticleSummary[]> {
    const folders = await readdir(join(this.dir, 'articles')).catch(() => [] as string[])
    const missing = folders.filter((id) => ARTICLE_ID.test(id) && !this.index.articles.has(id) && !this.foreignFolders.has(id))
    const summaries: ArticleSummary[] = []
    for (const id of missing) {
      // Missing or damaged: being written by another process, or to be set aside when the article is opened.
      const stored = await readJsonFile(this.articleFile(id), articleFile).catch(() => null)
      if (!stored) continue
      if (stored.id !== id) {
        this.skipFolder(id, `names another article (${stored.id})`)
        continue
      }
      const { schemaVersion: _version, ...article } = stored
      summaries.push(summaryOf(article))
    }
    return summaries
  }

  /** A folder that cannot join the index is reported once and left as it is, for the user to look at. */
  private skipFolder(id: string, why: string): void {
    this.foreignFolders.add(id)
    this.problems.push(`${this.articleFile(id)} ${why}: the folder was left as it is and not listed.`)
  }

  private async setAsideDamagedArticle(id: string): Promise<never> {
    const aside = await moveAside(this.articleFile(id))
    await this.mutate(() => ({ entries: [{ removed: id }], result: undefined }))
    const message = `${this.articleFile(id)} was damaged: it was moved to ${aside ?? 'a .corrupt copy beside it'} and the article taken out of the library.`
    if (aside) this.problems.push(message)
    throw new ApiError('corrupt_file', message)
  }

  private require(id: string): ArticleSummary {
    const summary = this.index.articles.get(id)
    if (!summary) throw new ApiError('not_found', `No article with id ${id} in the library.`)
    return summary
  }

  articleFile(id: string): string {
    return join(this.articleFolder(id), 'article.json')
  }

  private trashFolder(id: string): string {
    return pathInside(this.dir, 'trash', checkedId(id))
  }
}

async function forEachConcurrently<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

function sameCoverage(a: TranslationCoverage, b: TranslationCoverage): boolean {
  return a.engine === b.engine && a.to === b.to && a.translated === b.translated && a.total === b.total
}

function checkedId(id: string): string {
  if (!ARTICLE_ID.test(id)) throw new ApiError('invalid_input', `“${id}” is not an article id (16 hexadecimal characters).`)
  return id
}

async function assertUsableFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    if (error.code === 'ENOTDIR') throw new ApiError('invalid_input', `The library path ${dir} lies inside a file.`)
    throw error
  })
  if (info && !info.isDirectory()) throw new ApiError('invalid_input', `The library path ${dir} is a file, not a folder.`)
}
