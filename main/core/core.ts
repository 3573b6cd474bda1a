import { join } from 'node:path'
import packageJson from '../../package.json'
import type {
  Api,
  ApiEvent,
  Article,
  CsvDelimiter,
  EngineId,
  ExportFile,
  ExportFormat,
  ReadingArticle,
  TranslationCoverage,
} from '../api/contract'
import { ApiError } from '../api/errors'
import { withFileLock } from './fs/file-lock'
import { createSyncMerger } from './sync/sync-merger'
import { createImportService } from './import/import-service'
import { Library } from './library/library'
import { watchLibrary } from './library/watch-library'
import { defaultUserDataDir } from './paths'
import { SettingsStore } from './settings'
import { SearchIndex, type SearchDocument } from './search/search-index'
import { createAnnotationService } from './annotations/annotation-service'
import { exportNotes, sectionsOf, slugOf } from './annotations/export'
import { createModelService } from './models'
import { createApertiumEngine } from './translation/apertium/apertium-engine'
import { createBergamotEngine } from './translation/bergamot/bergamot-engine'
import type { TranslationEngine } from './translation/engine'
import { createConfiguredLibreTranslateEngine, type LibreTranslateConfig } from './translation/libretranslate/configured-engine'
import { splitSentences } from './translation/sentences'
import { openGlossary } from './translation/glossary'
import { createTranslationService } from './translation/translation-service'

export interface CoreOptions {
  libraryDir: string
  /**
   * The script of the worker thread that reads imported files and pages: the doors pass the build's
   * (`import … from '…/extraction-worker?modulePath'`), tests and benchmarks a loader of the source.
   */
  extractionWorker: string
  now?: () => Date
  /** How URL imports reach the web; tests pass one that talks to a loopback server. */
  fetch?: typeof fetch
  /** Settings and models live here (Electron's userData for the app). */
  userDataDir?: string
  /** The translation engines; by default Apertium as installed on the system, and LibreTranslate as set. */
  engines?: TranslationEngine[]
  /** A LibreTranslate server for this run, in place of the one in the settings. */
  libreTranslate?: LibreTranslateConfig
  /** The Bergamot model catalogue (a registry URL or file) in place of Firefox Translations' registry. */
  modelCatalogue?: string
  /** Notice changes other processes or a synced folder make to the library, and reload (the app and the host). */
  watch?: boolean
  /** Start the default engine at once, for long-running processes (the app, `visavis serve`). */
  warmEngines?: boolean
  /** Defaults for this run (`visavis serve --engine apertium --to en`), in place of the settings'. */
  defaults?: { engine?: EngineId; to?: string }
}

export type EventListener = (event: ApiEvent) => void

export interface Core extends Api {
  readonly libraryDir: string
  subscribe(listener: EventListener): () => void
  /** Finishes pending writes (the search index); call before the process exits. */
  close(): Promise<void>
}

const DEFAULT_SEARCH_LIMIT = 50
const APP_VERSION = packageJson.version

/** The domain behind the contract. It knows nothing of Electron, HTTP or the terminal; its folders come as options. */
export async function createCore({
  libraryDir,
  userDataDir = defaultUserDataDir(),
  now = () => new Date(),
  fetch: fetchImpl = fetch,
  ...options
}: CoreOptions): Promise<Core> {
  const listeners = new Set<EventListener>()
  const emit = (event: ApiEvent) => listeners.forEach((listener) => listener(event))
  const withLock = <T>(work: () => Promise<T>) => withFileLock(join(libraryDir, 'library.lock'), work)
  const sync = createSyncMerger({ libraryDir, userDataDir, withLock, emit })
  await sync.atOpen(now())
  const library = await Library.open(libraryDir)
  const settings = await SettingsStore.open(userDataDir)
  await library.emptyOldTrash(now()).catch((error: unknown) => library.problems.push(`The trash was not emptied: ${String(error)}`))
  settings.onChange((current) => emit({ type: 'settings.changed', settings: current }))
  const modelsDir = join(userDataDir, 'models')
  const models = createModelService({ modelsDir, catalogue: options.modelCatalogue, fetch: fetchImpl, emit })
  const glossary = openGlossary(libraryDir)
  const translation = createTranslationService({
    engines: options.engines ?? defaultEngines(modelsDir, () => options.libreTranslate ?? settings.get().libreTranslate),
    defaults: () => {
      const { engine, targetLanguage } = settings.get()
      return { engine: options.defaults?.engine ?? (engine === 'auto' ? undefined : engine), to: options.defaults?.to ?? targetLanguage }
    },
    getArticle: (id) => library.get(id),
    chosenEngine: (id) => library.find(id)?.engine,
    articleDir: (id) => library.articleFolder(id),
    memoryDir: join(libraryDir, 'translation-memory'),
    glossary,
    emit,
    mergeConflictCopies: sync.translations,
    recordCoverage,
  })

  const annotations = createAnnotationService({
    getArticle: (id) => readingArticle(id),
    listArticleIds: () => library.list().map((article) => article.id),
    articleDir: (id) => library.articleFolder(id),
    getTranslation: (id) => translation.getTranslation({ id }),
    now,
    emit,
    withLock: (work) => library.withLock(work),
    report: (problem) => library.problems.push(problem),
    mergeConflictCopies: sync.annotations,
  })
  const search = await SearchIndex.open(
    libraryDir,
    library.list().map((article) => article.id),
    fullSearchDocument,
    (problem) => library.problems.push(problem),
  )
  const imports = createImportService({
    library,
    addToSearch: (document) => search.add(document),
    searchDocumentOf: searchDocument,
    now,
    fetch: fetchImpl,
    emit,
    extractionWorker: options.extractionWorker,
  })

  /** An article's search entry (its title, text and notes); none for an article whose file is missing or damaged. */
  async function fullSearchDocument(id: string): Promise<SearchDocument | null> {
    try {
      return searchDocument(await library.get(id), await annotations.searchableText(id))
    } catch (error) {
      if (!(error instanceof ApiError) || !['not_found', 'corrupt_file'].includes(error.code)) throw error
      if (error.code === 'not_found') library.problems.push(error.message)
      return null
    }
  }

  // Notes are found by search too: an article's search entry is refreshed when its notes change.
  listeners.add((event) => {
    if (event.type === 'annotations.changed') void refreshSearchEntry(event.articleId)
  })

  async function refreshSearchEntry(id: string): Promise<void> {
    const document = await fullSearchDocument(id).catch(() => null)
    if (document) search.add(document)
  }

  /** One article's notes (even if it has none yet), or those of every article that has some. */
  async function exportAnnotations(format: ExportFormat, articleId?: string, delimiter?: CsvDelimiter): Promise<ExportFile> {
    const one = articleId ? library.find(articleId) : undefined
    if (articleId && !one) throw new ApiError('not_found', `No article with id ${articleId} in the library.`)
    const chosen = one ? [one] : library.list()
    const articles = await Promise.all(
      chosen.map(async (article) => {
        const placed = await annotations.list(article.id)
        return {
          article,
          translatedTitle: (await translation.getTranslation({ id: article.id }))?.title,
          annotations: placed,
          sections: format === 'md' && placed.length > 0 ? sectionsOf((await library.get(article.id)).paragraphs) : undefined,
        }
      }),
    )
    const scope = one
      ? { title: one.title, slug: slugOf(one.title), whole: false }
      : { title: 'Vis-à-vis notes', slug: 'visavis-notes', whole: true }
    return exportNotes(format, one ? articles : articles.filter((entry) => entry.annotations.length > 0), scope, { delimiter })
  }

  const stopWatching = options.watch ? watchLibrary(libraryDir, reloadFromDisk) : () => undefined
  if (options.warmEngines) void translation.warmUp()

  /** Another process or a sync tool changed the library: reload the index, bring search in step, tell the UI. */
  async function reloadFromDisk(): Promise<void> {
    if (!(await library.reload())) return
    const ids = library.list().map((article) => article.id)
    await search.reconcile(ids, fullSearchDocument)
    emit({ type: 'library.changed', articleIds: ids })
  }

  async function readingArticle(id: string): Promise<ReadingArticle> {
    await sync.article(library.articleFile(id))
    const summary = library.find(id)
    return {
      ...withSentences(await library.get(id)),
      position: summary?.position ?? null,
      ...(summary?.engine ? { engine: summary.engine } : {}),
    }
  }

  /** The list's translation state is a convenience: on a read-only disk the translation still reads, unrecorded. */
  async function recordCoverage(id: string, coverage: TranslationCoverage): Promise<void> {
    try {
      if (await library.setTranslation(id, coverage)) changed(id, null)
    } catch (error) {
      if (!(error instanceof ApiError)) console.error(`The translation state of ${id} was not kept:`, error)
    }
  }

  function changed<T>(articleId: string, result: T): T {
    emit({ type: 'library.changed', articleIds: [articleId] })
    return result
  }

  return {
    libraryDir,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {
      stopWatching()
      await translation.close()
      await imports.close()
      await search.flush()
    },
    listArticles: async () => library.list(),
    getArticle: ({ id }) => readingArticle(id),
    search: ({ query, limit }) => search.search(query, limit ?? DEFAULT_SEARCH_LIMIT, async (id) => (await library.get(id)).paragraphs),
    importText: (args) => imports.importText(args),
    importFile: (args) => imports.importFile(args),
    importFiles: (args) => imports.importFiles(args),
    importUrl: (args) => imports.importUrl(args),
    deleteArticle: async ({ id }) => {
      const summary = await library.trash(id, now())
      search.remove(id)
      return changed(id, summary)
    },
    restoreArticle: async ({ id }) => {
      const summary = await library.restore(id)
      await refreshSearchEntry(id)
      return changed(id, summary)
    },
    setTags: async ({ id, tags }) => changed(id, await library.setTags(id, normaliseTags(tags))),
    setReadingPosition: async ({ id, paragraphId, progress }) => {
      await library.setReadingPosition(id, paragraphId, progress)
      return null
    },
    setArticleEngine: async ({ id, engine }) => changed(id, await library.setEngine(id, engine)),
    getAppInfo: async () => ({
      version: APP_VERSION,
      libraryDir,
      userDataDir,
      modelsDir,
      problems: [...library.problems, ...sync.notices()],
      merged: sync.merged(),
    }),
    getSettings: async () => settings.get(),
    updateSettings: ({ patch }) => settings.update(patch),
    listEngines: () => translation.listEngines(),
    translateArticle: (args) => translation.translateArticle(args),
    setVisibleParagraphs: async (args) => translation.setVisibleParagraphs(args),
    cancelTranslation: async (args) => translation.cancelTranslation(args),
    getTranslation: (args) => translation.getTranslation(args),
    retranslate: (args) => translation.retranslate(args),
    listGlossary: () => glossary.list(),
    addGlossaryEntry: ({ source, target, from = 'fr', to }) =>
      glossary.add({ source, target, from, to: to ?? options.defaults?.to ?? settings.get().targetLanguage }),
    updateGlossaryEntry: ({ id, ...change }) => glossary.update(id, change),
    removeGlossaryEntry: ({ id }) => glossary.remove(id),
    addAnnotation: (args) => annotations.add(args),
    updateAnnotation: (args) => annotations.update(args),
    deleteAnnotation: (args) => annotations.remove(args),
    restoreAnnotation: (args) => annotations.restore(args),
    listAnnotations: ({ articleId }) => annotations.list(articleId),
    searchAnnotations: (args) => annotations.search(args),
    exportAnnotations: ({ articleId, format, delimiter }) => exportAnnotations(format, articleId, delimiter),
    listModels: () => models.listModels(),
    modelCatalogue: () => models.modelCatalogue(),
    downloadModel: (args) => models.downloadModel(args),
    cancelModelDownload: async (args) => models.cancelModelDownload(args),
    importModels: (args) => models.importModels(args),
    deleteModel: (args) => models.deleteModel(args),
  }
}

function defaultEngines(modelsDir: string, libreTranslate: () => LibreTranslateConfig): TranslationEngine[] {
  return [createBergamotEngine({ modelsDir }), createApertiumEngine(), createConfiguredLibreTranslateEngine(libreTranslate)]
}

function withSentences(article: Article): Omit<ReadingArticle, 'position' | 'engine'> {
  return { ...article, paragraphs: article.paragraphs.map((paragraph) => ({ ...paragraph, sentences: splitSentences(paragraph.text) })) }
}

function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))]
}

function searchDocument(article: Article, notes = ''): SearchDocument {
  return { id: article.id, title: article.title, text: `${article.paragraphs.map((p) => p.text).join('\n')}\n${notes}` }
}
