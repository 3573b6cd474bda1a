import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { Article, ArticleSummary } from '../../api/contract'
import { ApiError } from '../../api/errors'
import { writeJsonAtomic } from '../fs/atomic-write'
import { AtomicJsonFile, readJsonFile } from './json-file-adapter'

export const LIBRARY_SCHEMA_VERSION = 1

export interface LibraryIndex {
  schemaVersion: number
  articles: ArticleSummary[]
}

interface StoredArticle extends Article {
  schemaVersion: number
}

/**
 * The library folder: `library.json` (the lowdb index) and `articles/<id>/article.json`. Nothing is created on disk
 * until the first article is added, so reading a library never changes it.
 */
export class Library {
  private writing: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly dir: string,
    private readonly index: Low<LibraryIndex>,
  ) {}

  static async open(dir: string): Promise<Library> {
    await assertUsableFolder(dir)
    const index = new Low<LibraryIndex>(new AtomicJsonFile(join(dir, 'library.json')), emptyIndex())
    await index.read()
    if (index.data.schemaVersion > LIBRARY_SCHEMA_VERSION) {
      throw new ApiError('invalid_input', `${join(dir, 'library.json')} was written by a newer Vis-à-vis; update the app.`)
    }
    return new Library(dir, index)
  }

  list(): ArticleSummary[] {
    return [...this.index.data.articles].sort((a, b) => b.addedAt.localeCompare(a.addedAt))
  }

  find(id: string): ArticleSummary | undefined {
    return this.index.data.articles.find((article) => article.id === id)
  }

  async get(id: string): Promise<Article> {
    if (!this.find(id)) throw new ApiError('not_found', `No article with id ${id} in the library.`)
    const stored = await readJsonFile<StoredArticle>(this.articleFile(id))
    if (!stored) throw new ApiError('not_found', `The article ${id} is listed but its folder is missing.`)
    const { schemaVersion: _version, ...article } = stored
    return article
  }

  /** Writes the article's folder first, then the index, one write at a time. */
  add(article: Article, summary: ArticleSummary): Promise<void> {
    return this.serialize(async () => {
      await mkdir(join(this.dir, 'articles', article.id), { recursive: true })
      await writeJsonAtomic(this.articleFile(article.id), { schemaVersion: LIBRARY_SCHEMA_VERSION, ...article })
      await this.index.update((data) => {
        data.articles.push(summary)
      })
    })
  }

  private articleFile(id: string): string {
    return join(this.dir, 'articles', id, 'article.json')
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writing.then(work, work)
    this.writing = next.catch(() => undefined)
    return next
  }
}

function emptyIndex(): LibraryIndex {
  return { schemaVersion: LIBRARY_SCHEMA_VERSION, articles: [] }
}

async function assertUsableFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    if (error.code === 'ENOTDIR') throw new ApiError('invalid_input', `The library path ${dir} lies inside a file.`)
    throw error
  })
  if (info && !info.isDirectory()) throw new ApiError('invalid_input', `The library path ${dir} is a file, not a folder.`)
}
