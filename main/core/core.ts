import { join } from 'node:path'

import packageJson from '../../package.json'
import type { Api } from '../api/contract'
import { ApiError } from '../api/errors'
import type {
  ApiEvent,
  Article,
  CsvDelimiter,
  EngineId,
  ExportFile,
  ExportFormat,
  ReadingArticle,
  TranslationCoverage,
} from '../api/shapes'
import { withFileLock } from './fs/file-lock'
import type { ExtractionThread } from './import/extraction-thread'
import { lazy } from './lazy'
import { Library } from './library/library'
import { type LibraryChange, watchLibrary } from './library/watch-library'
import { defaultUserDataDir } from './paths'
import type { SearchDocument } from './search/search-index'
import { createSyncMerger } from './sync/sync-merger'
import { normaliseTags } from './tags'
import type { TranslationEngine } from './translation/engine'
import type { LibreTranslateConfig } from './translation/libretranslate/configured-engine'
import { splitSentences } from './translation/sentences'

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
  /** The thread that reads pages, when the door started it ahead (`visavis import`); else one is made when needed. */
  extraction?: ExtractionThread
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
  await library.emptyOldTrash(now()).catch((error: unknown) => library.problems.push(`The trash was not emptied: ${String(error)}`))
  const modelsDir = join(userDataDir, 'models')
  const report = (problem: string) => library.problems.push(problem)

  // Each service loads its modules (parsers, engines, schemas) on first use: `visavis list` reads the index and no more.
  const settings = lazy(async () => {
    const store = await (await import('./settings')).SettingsStore.open(userDataDir)
    store.onChange((current) => emit({ type: 'settings.changed', settings: current }))
    return store
  })
  const models = lazy(async () =>
    (await import('./models')).createModelService({ modelsDir, catalogue: options.modelCatalogue, fetch: fetchImpl, emit }),
  )
  const glossary = lazy(async () => (await import('./translation/glossary')).openGlossary(libraryDir))
  const translation = lazy(async () => {
    const [{ createTranslationService }, store, corrections] = await Promise.all([
      import('./translation/translation-service'),
      settings(),
      glossary(),
    ])
    return createTranslationService({
      engines: options.engines ?? (await defaultEngines(modelsDir, () => options.libreTranslate ?? store.get().libreTranslate)),
      defaults: () => {
        const { engine, targetLanguage } = store.get()
        return { engine: options.defaults?.engine ?? (engine === 'auto' ? undefined : engine), to: options.defaults?.to ?? targetLanguage }
      },
      getArticle: (id) => library.get(id),
      chosenEngine: (id) => library.find(id)?.engine,
      articleDir: (id) => library.articleFolder(id),
      memoryDir: join(libraryDir, 'translation-memory'),
      glossary: corrections,
      emit,
      mergeConflictCopies: sync.translations,
      recordCoverage,
    })
  })
  const annotations = lazy(async () =>
    (await import('./annotations/annotation-service')).createAnnotationService({
      getArticle: (id) => readingArticle(id),
      listArticleIds: () => library.list().map((article) => article.id),
      articleDir: (id) => library.articleFolder(id),
      getTranslation: async (id) => (await translation()).getTranslation({ id }),
      now,
      emit,
      withLock: (work) => library.withLock(work),
      report,
      mergeConflictCopies: sync.annotations,
    }),
  )
  const search = lazy(async () =>
    (await import('./search/search-index')).SearchIndex.open(
      libraryDir,
      library.list().map((article) => article.id),
      fullSearchDocument,
      report,
    ),
  )
  const imports = lazy(async () => {
    const [{ createImportService }, { createExtractionThread }, index] = await Promise.all([
      import('./import/import-service'),
      import('./import/extraction-thread'),
      search(),
    ])
    return createImportService({
      library,
      addToSearch: (document) => index.add(document),
      searchDocumentOf: searchDocument,
      now,
      fetch: fetchImpl,
      emit,
      extraction: options.extraction ?? createExtractionThread({ workerEntry: options.extractionWorker }),
    })
  })

  /** An article's search entry (its title, text and notes); none for an article whose file is missing or damaged. */
  async function fullSearchDocument(id: string): Promise<SearchDocument | null> {
    try {
      return searchDocument(await library.get(id), await (await annotations()).searchableText(id))
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
    if (document) (await search()).add(document)
  }

  /** One article's notes (even if it has none yet), or those of every article that has some. */
  async function exportAnnotations(format: ExportFormat, articleId?: string, delimiter?: CsvDelimiter): Promise<ExportFile> {
    const one = articleId ? library.find(articleId) : undefined
    if (articleId && !one) throw new ApiError('not_found', `No article with id ${articleId} in the library.`)
    const chosen = one ? [one] : library.list()
    const [{ exportNotes, sectionsOf, slugOf }, notes, translations] = await Promise.all([
      import('./annotations/export'),
      annotations(),
      translation(),
    ])
    const articles = await Promise.all(
      chosen.map(async (article) => {
        const placed = await notes.list(article.id)
        return {
          article,
          translatedTitle: (await translations.getTranslation({ id: article.id }))?.title,
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
  // A failure here comes again, worded for the user, with the first translation.
  if (options.warmEngines)
    void translation().then(
      (service) => service.warmUp(),
      () => undefined,
    )

  /** Another process or a sync tool changed the library: reload the index, bring search in step, tell the UI. */
  async function reloadFromDisk(change: LibraryChange): Promise<void> {
    if (!(await library.reload(change))) return
    const ids = library.list().map((article) => article.id)
    await (await search.ifMade())?.reconcile(ids, fullSearchDocument)
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
      await (await translation.ifMade())?.close()
      await (await imports.ifMade())?.close()
      await (await search.ifMade())?.flush()
    },
    listArticles: async () => library.list(),
    getArticle: ({ id }) => readingArticle(id),
    search: async ({ query, limit }) =>
      (await search()).search(query, limit ?? DEFAULT_SEARCH_LIMIT, async (id) => (await library.get(id)).paragraphs),
    importText: async (args) => (await imports()).importText(args),
    importFile: async (args) => (await imports()).importFile(args),
    importFiles: async (args) => (await imports()).importFiles(args),
    importUrl: async (args) => (await imports()).importUrl(args),
    deleteArticle: async ({ id }) => {
      const summary = await library.trash(id, now())
      ;(await search()).remove(id)
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
    getSettings: async () => (await settings()).get(),
    updateSettings: async ({ patch }) => (await settings()).update(patch),
    listEngines: async () => (await translation()).listEngines(),
    translateArticle: async (args) => (await translation()).translateArticle(args),
    setVisibleParagraphs: async (args) => (await translation()).setVisibleParagraphs(args),
    cancelTranslation: async (args) => (await translation()).cancelTranslation(args),
    getTranslation: async (args) => (await translation()).getTranslation(args),
    retranslate: async (args) => (await translation()).retranslate(args),
    listGlossary: async () => (await glossary()).list(),
    addGlossaryEntry: async ({ source, target, from = 'fr', to }) =>
      (await glossary()).add({ source, target, from, to: to ?? options.defaults?.to ?? (await settings()).get().targetLanguage }),
    updateGlossaryEntry: async ({ id, ...change }) => (await glossary()).update(id, change),
    removeGlossaryEntry: async ({ id }) => (await glossary()).remove(id),
    addAnnotation: async (args) => (await annotations()).add(args),
    updateAnnotation: async (args) => (await annotations()).update(args),
    deleteAnnotation: async (args) => (await annotations()).remove(args),
    restoreAnnotation: async (args) => (await annotations()).restore(args),
    listAnnotations: async ({ articleId }) => (await annotations()).list(articleId),
    searchAnnotations: async (args) => (await annotations()).search(args),
    exportAnnotations: ({ articleId, format, delimiter }) => exportAnnotations(format, articleId, delimiter),
    listModels: async () => (await models()).listModels(),
    modelCatalogue: async () => (await models()).modelCatalogue(),
    downloadModel: async (args) => (await models()).downloadModel(args),
    cancelModelDownload: async (args) => (await models()).cancelModelDownload(args),
    importModels: async (args) => (await models()).importModels(args),
    deleteModel: async (args) => (await models()).deleteModel(args),
  }
}

async function defaultEngines(modelsDir: string, libreTranslate: () => LibreTranslateConfig): Promise<TranslationEngine[]> {
  const [{ createBergamotEngine }, { createApertiumEngine }, { createConfiguredLibreTranslateEngine }] = await Promise.all([
    import('./translation/bergamot/bergamot-engine'),
    import('./translation/apertium/apertium-engine'),
    import('./translation/libretranslate/configured-engine'),
  ])
  return [createBergamotEngine({ modelsDir }), createApertiumEngine(), createConfiguredLibreTranslateEngine(libreTranslate)]
}

function withSentences(article: Article): Omit<ReadingArticle, 'position' | 'engine'> {
  return { ...article, paragraphs: article.paragraphs.map((paragraph) => ({ ...paragraph, sentences: splitSentences(paragraph.text) })) }
}

function searchDocument(article: Article, notes = ''): SearchDocument {
  return { id: article.id, title: article.title, text: `${article.paragraphs.map((p) => p.text).join('\n')}\n${notes}` }
}
