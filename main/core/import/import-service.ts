import { ApiError, toErrorData } from '../../api/errors'
import type { ApiEvent, ImportOutcome, ImportResult } from '../../api/shapes'
import type { Library, NewArticle } from '../library/library'
import type { SearchDocument } from '../search/search-index'
import type { ExtractionRequest, ExtractionThread } from './extraction-thread'
import { fetchPage } from './fetch-page'
import {
  buildArticle,
  type ExtractedArticle,
  extractFromFile,
  extractFromText,
  isHtmlFile,
  type LanguageDetector,
  loadLanguageDetector,
} from './importer'

export interface ImportServiceOptions {
  library: Library
  addToSearch: (document: SearchDocument) => void
  searchDocumentOf: (article: NewArticle['article']) => SearchDocument
  now: () => Date
  fetch: typeof fetch
  emit: (event: ApiEvent) => void
  /** The thread that reads pages (see extraction-thread.ts). */
  extraction: ExtractionThread
}

interface PendingImport {
  fileName: string
  extract: () => ExtractedArticle | Promise<ExtractedArticle>
}

/** Pasted text, files, batches and web pages into the library; duplicates found by the article's id. */
export function createImportService({ library, addToSearch, searchDocumentOf, now, fetch, emit, extraction }: ImportServiceOptions) {
  /** Imports a batch with one index write; each file's failure is reported, never thrown. */
  async function importBatch(pending: PendingImport[]): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = []
    const added = new Map<string, NewArticle>()
    const structured: string[] = []
    let detector: Promise<LanguageDetector> | undefined
    const languageDetector = () => {
      detector ??= loadLanguageDetector()
      detector.catch(() => undefined) // its failure is told by the first article that waits for it
      return detector
    }
    for (const { fileName, extract } of pending) {
      try {
        // The page goes to the worker first, then the detector loads here while the worker starts and reads it.
        const extracted = extract()
        const detect = languageDetector()
        const built = buildArticle(await extracted, now(), await detect)
        const existing = library.find(built.article.id) ?? added.get(built.article.id)?.summary
        if (existing) {
          const { title } = built.summary
          const structureAdded = !added.has(existing.id) && (await library.addStructure(built.article))
          if (structureAdded) structured.push(existing.id)
          outcomes.push({
            fileName,
            status: 'duplicate',
            article: existing,
            ...(title !== existing.title && { importedTitle: title }),
            ...(structureAdded && { structureAdded }),
          })
        } else {
          added.set(built.article.id, built)
          outcomes.push({ fileName, status: 'imported', article: built.summary })
        }
      } catch (error) {
        if (!(error instanceof ApiError)) console.error(`Import of ${fileName} failed:`, error)
        outcomes.push({ fileName, status: 'failed', error: toErrorData(error) })
      }
    }
    if (added.size > 0) {
      await library.addMany([...added.values()])
      for (const { article } of added.values()) addToSearch(searchDocumentOf(article))
    }
    if (added.size > 0 || structured.length > 0) emit({ type: 'library.changed', articleIds: [...added.keys(), ...structured] })
    return outcomes
  }

  async function importOne(pending: PendingImport): Promise<ImportResult> {
    const [outcome] = await importBatch([pending])
    if (outcome!.status === 'failed') {
      throw ApiError.fromData(outcome!.error)
    }
    return outcome as ImportResult
  }

  const inWorker = (request: ExtractionRequest): PendingImport => ({
    fileName: request.sourceName,
    extract: () => extraction.extract(request),
  })
  /** Pages go to the worker (Readability's time can grow steeply); text is read in linear time, here, at no start-up cost. */
  const fromFile = ({ fileName, base64 }: { fileName: string; base64: string }): PendingImport => {
    const bytes = Buffer.from(base64, 'base64')
    if (isHtmlFile(fileName)) return inWorker({ sourceName: fileName, bytes, url: null })
    return { fileName, extract: () => extractFromFile(fileName, bytes) }
  }

  return {
    importText({ text, sourceName }: { text: string; sourceName?: string }) {
      const fileName = sourceName ?? 'The pasted text'
      return importOne({ fileName, extract: () => extractFromText(text, fileName) })
    },
    importFile: (file: { fileName: string; base64: string }) => importOne(fromFile(file)),
    importFiles: ({ files }: { files: { fileName: string; base64: string }[] }) => importBatch(files.map(fromFile)),
    close: () => extraction.close(),
    async importUrl({ url, allowPrivateAddress }: { url: string; allowPrivateAddress?: boolean }) {
      const page = await fetchPage(url, fetch, { allowPrivateAddress })
      const isHtml = !page.contentType || /html/i.test(page.contentType)
      if (isHtml) return importOne(inWorker({ sourceName: url, bytes: page.bytes, url: page.finalUrl }))
      return importOne({ fileName: url, extract: () => extractFromText(Buffer.from(page.bytes).toString('utf8'), url) })
    },
  }
}
