import type { Api, ApiEvent, Article, ImportResult } from '../api/contract'
import { buildArticle, extractFromFile, extractFromText, type ExtractedArticle } from './import/importer'
import { Library } from './library/library'
import { SearchIndex, type SearchDocument } from './search/search-index'

export interface CoreOptions {
  libraryDir: string
  now?: () => Date
}

export type EventListener = (event: ApiEvent) => void

export interface Core extends Api {
  readonly libraryDir: string
  subscribe(listener: EventListener): () => void
  /** Finishes pending writes (the search index); call before the process exits. */
  close(): Promise<void>
}

const DEFAULT_SEARCH_LIMIT = 50

/** The domain behind the contract. It knows nothing of Electron, HTTP or the terminal; its folders come as options. */
export async function createCore({ libraryDir, now = () => new Date() }: CoreOptions): Promise<Core> {
  const library = await Library.open(libraryDir)
  const search = await SearchIndex.open(
    libraryDir,
    library.list().map((article) => article.id),
    async (id) => searchDocument(await library.get(id)),
  )
  const listeners = new Set<EventListener>()
  const emit = (event: ApiEvent) => listeners.forEach((listener) => listener(event))

  async function importExtracted(extracted: ExtractedArticle): Promise<ImportResult> {
    const { article, summary } = buildArticle(extracted, now())
    const existing = library.find(article.id)
    if (existing) return { status: 'duplicate', article: existing }
    await library.add(article, summary)
    search.add(searchDocument(article))
    emit({ type: 'library.changed', articleIds: [article.id] })
    return { status: 'imported', article: summary }
  }

  return {
    libraryDir,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => search.flush(),
    listArticles: async () => library.list(),
    getArticle: ({ id }) => library.get(id),
    search: ({ query, limit }) => search.search(query, limit ?? DEFAULT_SEARCH_LIMIT, async (id) => (await library.get(id)).paragraphs),
    importText: async ({ text, sourceName }) => importExtracted(extractFromText(text, sourceName ?? 'The pasted text')),
    importFile: async ({ fileName, base64 }) => importExtracted(extractFromFile(fileName, Buffer.from(base64, 'base64'))),
  }
}

function searchDocument(article: Article): SearchDocument {
  return { id: article.id, title: article.title, text: article.paragraphs.map((p) => p.text).join('\n') }
}
