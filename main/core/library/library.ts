import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { Low } from 'lowdb'

import { ApiError, detailOf } from '../../api/errors'
import { type Article, ARTICLE_ID, type ArticleSummary, type EngineId, type TranslationCoverage } from '../../api/shapes'
import { writeJsonAtomic } from '../fs/atomic-write'
import { withFileLock } from '../fs/file-lock'
import { pathInside } from '../fs/inside'
import { assertWritable, AtomicJsonFile, moveAside, readJsonFile } from '../fs/json-file'
import {
  articleFile,
  articleVersionFor,
  LIBRARY_SCHEMA_VERSION,
  type LibraryIndex,
  libraryIndexFile,
  type StoredArticle,
  type TrashedArticle,
} from './library-files'
import { summaryOf } from './summary'

export interface NewArticle {
  article: Article
  summary: ArticleSummary
}

const TRASH_KEPT_DAYS = 30
/** Article folders written at once in a batch, so their fsyncs overlap. */
const PARALLEL_WRITES = 8

/**
 * The library folder: `library.json` (the lowdb index) and `articles/<id>/article.json`. Nothing is created on disk
 * until the first article is added, so reading a library never changes it. Every change re-reads the index under a
 * lock shared with other processes (the app, the CLI), so none overwrites another's work. A damaged index is set
 * aside and rebuilt from the article folders, which are the source of truth.
 */
export class Library {
  private writing: Promise<unknown> = Promise.resolve()
  private byId = new Map<string, ArticleSummary>()
  /** Article folders whose article.json names another article: never listed, reported once. */
  private readonly foreignFolders = new Set<string>()
  /** What was found damaged and set aside while opening or reading, for the user to see. */
  readonly problems: string[] = []

  private constructor(
    readonly dir: string,
    private readonly index: Low<LibraryIndex>,
  ) {}

  static async open(dir: string): Promise<Library> {
    await assertUsableFolder(dir)
    const library = new Library(dir, new Low<LibraryIndex>(new AtomicJsonFile(join(dir, 'library.json'), libraryIndexFile), emptyIndex()))
    await library.readIndex()
    await library.addFoldersToIndex()
    return library
  }

  list(): ArticleSummary[] {
    return [...this.index.data.articles].sort((a, b) => b.addedAt.localeCompare(a.addedAt))
  }

  find(id: string): ArticleSummary | undefined {
    return this.byId.get(id)
  }

  async get(id: string): Promise<Article> {
    if (!this.byId.has(id)) await this.readIndex() // another process may have added it since
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

  /** Re-reads the index (another process or a synced folder changed it); true when the articles differ. */
  async reload(): Promise<boolean> {
    const before = JSON.stringify(this.index.data.articles)
    await this.readIndex()
    await this.addFoldersToIndex()
    return JSON.stringify(this.index.data.articles) !== before
  }

  /** Writes each article's folder first, then the index once for the whole batch. */
  async addMany(entries: NewArticle[]): Promise<void> {
    await forEachConcurrently(entries, PARALLEL_WRITES, async ({ article }) => {
      await mkdir(this.articleFolder(article.id), { recursive: true })
      await writeJsonAtomic(this.articleFile(article.id), { schemaVersion: articleVersionFor(article), ...article })
    })
    await this.mutate((data) => {
      const present = new Set(data.articles.map((a) => a.id))
      for (const { summary } of entries) if (!present.has(summary.id)) data.articles.push(summary)
    })
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
    return this.mutate(async (data) => {
      const summary = data.articles.find((article) => article.id === id)
      if (!summary) throw new ApiError('not_found', `No article with id ${id} in the library.`)
      await mkdir(join(this.dir, 'trash'), { recursive: true })
      await rm(this.trashFolder(id), { recursive: true, force: true })
      await rename(this.articleFolder(id), this.trashFolder(id))
      data.articles = data.articles.filter((article) => article.id !== id)
      data.trash.push({ ...summary, deletedAt: now.toISOString() })
      return summary
    })
  }

  restore(id: string): Promise<ArticleSummary> {
    return this.mutate(async (data) => {
      const trashed = data.trash.find((article) => article.id === id)
      if (!trashed) throw new ApiError('not_found', `No deleted article with id ${id} to restore.`)
      if (data.articles.some((article) => article.id === id)) {
        throw new ApiError(
          'already_exists',
          `“${trashed.title}” is in the library again (imported since); the deleted copy stays in the trash.`,
        )
      }
      await rename(this.trashFolder(id), this.articleFolder(id))
      const { deletedAt: _deletedAt, ...summary } = trashed
      data.trash = data.trash.filter((article) => article.id !== id)
      data.articles.push(summary)
      return summary
    })
  }

  /** Deletes for good what has been in the trash longer than 30 days. */
  async emptyOldTrash(now: Date): Promise<void> {
    const limit = now.getTime() - TRASH_KEPT_DAYS * 24 * 3600 * 1000
    const isOld = (article: TrashedArticle) => Date.parse(article.deletedAt) < limit
    if (!this.index.data.trash.some(isOld)) return
    await this.mutate(async (data) => {
      for (const article of data.trash.filter(isOld)) await rm(this.trashFolder(article.id), { recursive: true, force: true })
      data.trash = data.trash.filter((article) => !isOld(article))
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

  private changeSummary(id: string, change: (summary: ArticleSummary) => void): Promise<ArticleSummary> {
    return this.mutate((data) => {
      const summary = data.articles.find((article) => article.id === id)
      if (!summary) throw new ApiError('not_found', `No article with id ${id} in the library.`)
      change(summary)
      return summary
    })
  }

  /** Remembers where the reader is. */
  async setReadingPosition(id: string, position: string, progress: number): Promise<void> {
    const summary = this.require(id)
    if (summary.position === position && summary.progress === progress) return
    await this.mutate((data) => {
      const current = data.articles.find((article) => article.id === id)
      if (current) Object.assign(current, { position, progress })
    })
  }

  articleFolder(id: string): string {
    return pathInside(this.dir, 'articles', checkedId(id))
  }

  /** The lock every process takes to change this library's files. */
  withLock<T>(work: () => Promise<T>): Promise<T> {
    return withFileLock(join(this.dir, 'library.lock'), work)
  }

  /**
   * One change to the index: one at a time in this process, under the lock across processes, on the index as it
   * is on disk now (never on a stale copy), with article folders the index lacks added back.
   */
  private mutate<T>(change: (data: LibraryIndex) => T | Promise<T>): Promise<T> {
    const run = async () => {
      await mkdir(this.dir, { recursive: true })
      return this.withLock(async () => {
        await this.readIndex()
        assertWritable(join(this.dir, 'library.json'), this.index.data, libraryIndexFile)
        const before = JSON.stringify(this.index.data)
        await this.addMissingFolders()
        const result = await change(this.index.data)
        // A file rewritten with what it held already is one more conflict for a sync tool to make.
        if (JSON.stringify(this.index.data) !== before) await this.index.write()
        this.refreshById()
        return result
      })
    }
    const next = this.writing.then(run, run)
    this.writing = next.catch(() => undefined)
    return next
  }

  /** Loads library.json; a damaged one is set aside (never overwritten) and the index rebuilt from the folders. */
  private async readIndex(): Promise<void> {
    try {
      await this.index.read()
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'corrupt_file') throw error
      const aside = await moveAside(join(this.dir, 'library.json'))
      if (aside) {
        this.problems.push(
          `${join(this.dir, 'library.json')} was damaged: it was moved to ${aside} and the index rebuilt from the article folders (tags and reading positions are in the damaged copy).`,
        )
      }
      this.index.data = emptyIndex()
    }
    this.refreshById()
  }

  /**
   * Lists article folders the index lacks. Reading never depends on writing: on a read-only or full disk, or with an
   * index a newer app wrote, they are listed for this run only, and the reason is reported.
   */
  private async addFoldersToIndex(): Promise<void> {
    if ((await this.foldersMissingFromIndex()).length === 0) return
    await this.mutate(() => undefined).catch(async (error: unknown) => {
      await this.addMissingFolders()
      this.problems.push(
        `Article folders missing from ${join(this.dir, 'library.json')} are listed, but could not be added to it: ${detailOf(error)}`,
      )
    })
  }

  private async foldersMissingFromIndex(): Promise<string[]> {
    const folders = await readdir(join(this.dir, 'articles')).catch(() => [] as string[])
    return folders.filter((id) => ARTICLE_ID.test(id) && !this.byId.has(id) && !this.foreignFolders.has(id))
  }

  /** Article folders the index lacks (an import cut short between its two writes, a folder synced in) go back in. */
  private async addMissingFolders(): Promise<void> {
    for (const id of await this.foldersMissingFromIndex()) {
      // Missing or damaged: being written by another process, or to be set aside when the article is opened.
      const stored = await readJsonFile(this.articleFile(id), articleFile).catch(() => null)
      if (!stored) continue
      if (stored.id !== id) {
        this.skipFolder(id, `names another article (${stored.id})`)
        continue
      }
      const { schemaVersion: _version, ...article } = stored
      this.index.data.articles.push(summaryOf(article))
    }
    this.refreshById()
  }

  /** A folder that cannot join the index is reported once and left as it is, for the user to look at. */
  private skipFolder(id: string, why: string): void {
    this.foreignFolders.add(id)
    this.problems.push(`${this.articleFile(id)} ${why}: the folder was left as it is and not listed.`)
  }

  private async setAsideDamagedArticle(id: string): Promise<never> {
    const aside = await moveAside(this.articleFile(id))
    await this.mutate((data) => {
      data.articles = data.articles.filter((article) => article.id !== id)
    })
    const message = `${this.articleFile(id)} was damaged: it was moved to ${aside ?? 'a .corrupt copy beside it'} and the article taken out of the library.`
    if (aside) this.problems.push(message)
    throw new ApiError('corrupt_file', message)
  }

  private refreshById(): void {
    this.byId = new Map(this.index.data.articles.map((article) => [article.id, article]))
  }

  private require(id: string): ArticleSummary {
    const summary = this.byId.get(id)
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
