import { randomUUID } from 'node:crypto'

import { ApiError, type ErrorData, toErrorData } from '../../api/errors'
import type {
  ApiEvent,
  Article,
  ArticleTranslation,
  EngineId,
  EngineInfo,
  LanguagePair,
  Paragraph,
  ParagraphTranslation,
  SentencePair,
  TranslationCoverage,
  TranslationJob,
} from '../../api/shapes'
import { engineIds } from '../../api/shapes'
import type { EngineIdentity, TranslationEngine } from './engine'
import type { Glossary } from './glossary'
import { type SourceTerm, termsIn } from './protection/prepare'
import { splitSentences } from './sentences'
import { translateSentences } from './text-pipeline'
import { ArticleTranslations, type CachedSentence, type CacheKey, type SentenceKey, TranslationMemory } from './translation-cache'

export interface TranslationServiceOptions {
  engines: TranslationEngine[]
  getArticle: (id: string) => Promise<Article>
  /** The engine chosen for an article, which translates it when a call names none. */
  chosenEngine: (id: string) => EngineId | undefined
  articleDir: (id: string) => string
  memoryDir: string
  glossary: Glossary
  emit: (event: ApiEvent) => void
  /** The engine and target language used when a call names none. */
  defaults: () => { engine?: EngineId; to: string }
  /** Merges the conflict copies a sync tool left beside a cache file, before it is read. */
  mergeConflictCopies?: (file: string) => Promise<void>
  /** Keeps how far an article's translation got, for the library list; called when a translation settles. Never throws. */
  recordCoverage?: (articleId: string, coverage: TranslationCoverage) => Promise<void>
}

export interface RetranslateRequest {
  id: string
  paragraphId: string
  sentenceIndex?: number
  to?: string
  engine?: EngineId
}

/**
 * Translation of whole articles: picks the engine, serves what the caches already hold at once, and streams the
 * rest paragraph by paragraph as events, visible paragraphs first, until done or cancelled.
 */
export function createTranslationService({
  engines,
  getArticle,
  chosenEngine,
  articleDir,
  memoryDir,
  glossary,
  emit,
  defaults,
  mergeConflictCopies = async () => undefined,
  recordCoverage = async () => undefined,
}: TranslationServiceOptions) {
  const memory = new TranslationMemory(memoryDir)
  const jobs = new Map<string, RunningJob>()
  const runs = new Set<Promise<void>>()
  let warming: Promise<void> | null = null
  const byPreference = [...engines].sort((a, b) => engineIds.indexOf(a.id) - engineIds.indexOf(b.id))

  async function listEngines(): Promise<EngineInfo[]> {
    return Promise.all(
      byPreference.map(async (engine) => {
        const status = await engine.status()
        return { id: engine.id, status, pairs: status.state === 'ready' ? await engine.pairs().catch(() => []) : [] }
      }),
    )
  }

  /** The engine a call names, else the one chosen for the article, else the default (none: the best ready one). */
  function engineFor(articleId: string, asked: EngineId | undefined): EngineId | undefined {
    return asked ?? chosenEngine(articleId) ?? defaults().engine
  }

  /** The engine asked for, or the best ready one for the pair; otherwise an error that says how to get one. */
  async function chooseEngine(pair: LanguagePair, wanted?: EngineId): Promise<{ engine: TranslationEngine; identity: EngineIdentity }> {
    const candidates = wanted ? byPreference.filter((engine) => engine.id === wanted) : byPreference
    const fixes: string[] = []
    for (const engine of candidates) {
      const status = await engine.status()
      if (status.state !== 'ready') {
        fixes.push(`${engine.id}: ${status.fix.message}`)
        continue
      }
      try {
        return { engine, identity: await engine.identity(pair) }
      } catch (error) {
        fixes.push(`${engine.id}: ${toErrorData(error).message}`)
      }
    }
    const what = wanted ? `The ${wanted} engine cannot` : 'No translation engine can'
    throw new ApiError('engine_unavailable', {
      messageCode: wanted ? 'engine_cannot_translate_pair' : 'no_engine_for_pair',
      params: { ...pair, ...(wanted ? { engine: wanted } : {}) },
      message: `${what} translate ${pair.from} into ${pair.to} here. ${fixes.join(' ')}`.trim(),
    })
  }

  async function translateArticle(args: {
    id: string
    to?: string
    engine?: EngineId
    visibleParagraphIds?: string[]
  }): Promise<TranslationJob> {
    const article = await getArticle(args.id)
    const to = args.to ?? defaults().to
    const wanted = engineFor(article.id, args.engine)
    for (const job of jobs.values()) if (job.articleId === article.id) job.cancel()

    const cached = await getTranslation({ id: article.id, to, engine: wanted })
    const total = article.paragraphs.length
    if (cached?.paragraphs.length === total) {
      await recordCoverage(article.id, { engine: cached.engine, to, translated: total, total })
      return { ...cached, jobId: null, total, done: total }
    }

    const pair = { from: article.lang, to }
    if (pair.from === pair.to) {
      const message = `This article is already in ${to}.`
      throw new ApiError('invalid_input', { messageCode: 'article_already_in_language', params: { language: to }, message })
    }
    const { engine, identity } = await chooseEngine(pair, wanted)
    const translations = await ArticleTranslations.open(articleDir(article.id), keyOf(identity, to), identity, mergeConflictCopies)
    const context: ParagraphContext = { engine, identity, translations, to, pair, terms: await glossary.termsFor(pair) }
    const done = article.paragraphs.flatMap((paragraph) => fromCache(paragraph, translations, context.terms) ?? [])
    const doneIds = new Set(done.map((paragraph) => paragraph.paragraphId))
    const remaining = article.paragraphs.filter((paragraph) => !doneIds.has(paragraph.id))
    const title = await translateTitle(article.title, context).catch(() => undefined)
    const result = {
      articleId: article.id,
      engine: engine.id,
      model: identity.model,
      to,
      title,
      total,
      done: done.length,
      paragraphs: done,
    }
    const coverage = (translated: number) => recordCoverage(article.id, { engine: engine.id, to, translated, total })
    if (remaining.length === 0) {
      await coverage(total)
      return { ...result, jobId: null }
    }

    const job = new RunningJob(article.id, remaining, args.visibleParagraphIds ?? [], done.length, total)
    jobs.set(job.id, job)
    const run = job
      .run(
        async (paragraph, signal) => {
          const translated = await translateParagraph(paragraph, context, signal)
          translations.saveSoon()
          return translated
        },
        emit,
        async (translated) => {
          // Written before the job says it finished. One that cannot be written costs nothing: every sentence is in
          // the translation memory too.
          await translations.save().catch(() => undefined)
          await coverage(translated)
        },
      )
      .finally(() => {
        jobs.delete(job.id)
        runs.delete(run)
      })
    runs.add(run)
    return { ...result, jobId: job.id }
  }

  /** The title, translated as one sentence and cached with the paragraphs' sentences. */
  async function translateTitle(title: string, context: ParagraphContext): Promise<string | undefined> {
    if (!title.trim()) return undefined
    const inArticle = context.translations.get({ source: title, terms: termsIn(title, context.terms) })
    if (inArticle) return inArticle.target
    const [translated] = await translateCached([title], context, new AbortController().signal)
    await context.translations.save()
    return translated!.target
  }

  async function translateParagraph(
    paragraph: Paragraph,
    context: ParagraphContext,
    signal: AbortSignal,
    force: Set<number> = new Set(),
  ): Promise<ParagraphTranslation> {
    const sources = splitSentences(paragraph.text)
    const translated = await translateCached(sources, context, signal, force)
    return { paragraphId: paragraph.id, sentences: sources.map((source, i) => sentencePair(source, translated[i]!)) }
  }

  /** Sentences from the article's cache, the library's memory, or else the engine; the new ones are remembered. */
  async function translateCached(
    sources: string[],
    { engine, identity, translations, to, pair, terms }: ParagraphContext,
    signal: AbortSignal,
    force: Set<number> = new Set(),
  ): Promise<CachedSentence[]> {
    const keys = sources.map((source) => ({ source, terms: termsIn(source, terms) }))
    const found = await Promise.all(
      keys.map(async (key, i) => (force.has(i) ? undefined : (translations.get(key) ?? (await memory.lookup(identity, to, key))))),
    )
    const missing = keys.flatMap((_key, i) => (found[i] === undefined ? [i] : []))
    if (missing.length > 0) {
      const fresh: { key: SentenceKey; translation: CachedSentence }[] = []
      const sentences = missing.map((i) => sources[i]!)
      for await (const { index, ...translation } of translateSentences(engine, sentences, pair, { glossary: terms, signal })) {
        found[missing[index]!] = translation
        fresh.push({ key: keys[missing[index]!]!, translation })
      }
      await memory.remember(identity, to, fresh)
    }
    keys.forEach((key, i) => translations.set(key, found[i]!))
    return found as CachedSentence[]
  }

  /** The most complete translation the caches on disk hold, touching no engine: how a translated article reads offline. */
  async function getTranslation({
    id,
    to = defaults().to,
    engine,
  }: {
    id: string
    to?: string
    engine?: EngineId
  }): Promise<ArticleTranslation | null> {
    const article = await getArticle(id)
    const caches = (await ArticleTranslations.allIn(articleDir(id), mergeConflictCopies)).filter(
      ({ key }) => key.to === to && (!engine || key.engine === engine),
    )
    caches.sort((a, b) => engineIds.indexOf(a.key.engine) - engineIds.indexOf(b.key.engine))
    const terms = await glossary.termsFor({ from: article.lang, to })
    let best: ArticleTranslation | null = null
    for (const translations of caches) {
      const { key } = translations
      const paragraphs = article.paragraphs.flatMap((paragraph) => fromCache(paragraph, translations, terms) ?? [])
      const title = translations.get({ source: article.title, terms: termsIn(article.title, terms) })?.target
      if (!best || paragraphs.length > best.paragraphs.length)
        best = { articleId: id, engine: key.engine, model: key.model, to, ...(title ? { title } : {}), paragraphs }
    }
    return best
  }

  async function retranslate({
    id,
    paragraphId,
    sentenceIndex,
    to = defaults().to,
    engine: asked,
  }: RetranslateRequest): Promise<ParagraphTranslation> {
    const article = await getArticle(id)
    const wanted = engineFor(id, asked)
    const paragraph = article.paragraphs.find((p) => p.id === paragraphId)
    if (!paragraph) throw new ApiError('not_found', `The article has no paragraph ${paragraphId}.`)
    const sentenceCount = splitSentences(paragraph.text).length
    if (sentenceIndex !== undefined && sentenceIndex >= sentenceCount) {
      throw new ApiError(
        'invalid_input',
        `Paragraph ${paragraphId} has ${sentenceCount} sentences; there is no sentence ${sentenceIndex + 1}.`,
      )
    }
    const pair = { from: article.lang, to }
    const { engine, identity } = await chooseEngine(pair, wanted)
    const translations = await ArticleTranslations.open(articleDir(id), keyOf(identity, to), identity, mergeConflictCopies)
    const force = new Set(sentenceIndex === undefined ? Array.from({ length: sentenceCount }, (_, i) => i) : [sentenceIndex])
    const context = { engine, identity, translations, to, pair, terms: await glossary.termsFor(pair) }
    const translated = await translateParagraph(paragraph, context, new AbortController().signal, force)
    await translations.save()
    return translated
  }

  /** Readies the engine that French articles will be translated with by default; failures wait for a real call. */
  function warmUp(): Promise<void> {
    warming = (async () => {
      const pair = { from: 'fr', to: defaults().to }
      if (pair.from === pair.to) return
      const { engine } = await chooseEngine(pair, defaults().engine).catch(() => ({ engine: null }))
      await engine?.warm?.(pair).catch(() => undefined)
    })()
    return warming
  }

  return {
    listEngines,
    warmUp,
    translateArticle,
    getTranslation,
    retranslate,
    setVisibleParagraphs({ jobId, paragraphIds }: { jobId: string; paragraphIds: string[] }) {
      jobs.get(jobId)?.prioritise(paragraphIds)
      return null
    },
    cancelTranslation({ jobId }: { jobId: string }) {
      jobs.get(jobId)?.cancel()
      return null
    },
    async close() {
      for (const job of jobs.values()) job.cancel()
      // A cancelled job still records how far it got before it ends.
      await Promise.all([...runs, ...engines.map((engine) => engine.close())])
      await warming
    },
  }
}

interface ParagraphContext {
  engine: TranslationEngine
  identity: EngineIdentity
  translations: ArticleTranslations
  to: string
  pair: LanguagePair
  /** The glossary's terms for the pair. */
  terms: SourceTerm[]
}

function keyOf(identity: EngineIdentity, to: string): CacheKey {
  return { engine: identity.engine, model: identity.model, to }
}

/** A paragraph whose every sentence is in the cache, or null. */
function fromCache(paragraph: Paragraph, translations: ArticleTranslations, terms: SourceTerm[]): ParagraphTranslation | null {
  const sources = splitSentences(paragraph.text)
  const cached = sources.map((source) => translations.get({ source, terms: termsIn(source, terms) }))
  if (cached.some((translation) => translation === undefined)) return null
  return { paragraphId: paragraph.id, sentences: sources.map((source, i) => sentencePair(source, cached[i]!)) }
}

/**
 * A sentence and its translation as the reader gets them: unsure where words were left untranslated or the engine's
 * ways disagree. A name the engine does not know ("Beijing") is left as it should be, and makes nothing unsure.
 */
function sentencePair(source: string, translation: CachedSentence): SentencePair {
  const wordsLeft = translation.unknownWords?.some((word) => !/^\p{Lu}/u.test(word)) ?? false
  const unsure = wordsLeft || translation.alternative !== undefined
  return { source, ...translation, ...(unsure ? { unsure } : {}) }
}

/** One article's remaining paragraphs, worked through visible ones first; cancelled when the reader leaves. */
class RunningJob {
  readonly id = randomUUID()
  private readonly controller = new AbortController()
  private queue: Paragraph[]
  /** Paragraphs translated, from the cache or by this job: `done` also counts those that failed. */
  private translated: number

  constructor(
    readonly articleId: string,
    remaining: Paragraph[],
    visible: string[],
    private done: number,
    private readonly total: number,
  ) {
    this.translated = done
    this.queue = remaining
    this.prioritise(visible)
  }

  prioritise(paragraphIds: string[]): void {
    const rank = new Map(paragraphIds.map((id, i) => [id, i]))
    const inReadingOrder = new Map(this.queue.map((paragraph, i) => [paragraph.id, i]))
    const order = (paragraph: Paragraph) => rank.get(paragraph.id) ?? paragraphIds.length + inReadingOrder.get(paragraph.id)!
    this.queue = [...this.queue].sort((a, b) => order(a) - order(b))
  }

  cancel(): void {
    this.controller.abort()
  }

  async run(
    translate: (paragraph: Paragraph, signal: AbortSignal) => Promise<ParagraphTranslation>,
    emit: (event: ApiEvent) => void,
    recordCoverage: (translated: number) => Promise<void>,
  ): Promise<void> {
    const base = { jobId: this.id, articleId: this.articleId }
    let engineDown: ErrorData | null = null
    while (this.queue.length > 0 && !this.controller.signal.aborted) {
      const paragraph = this.queue.shift()!
      try {
        // Once the engine itself is unavailable, the remaining paragraphs get its reason without more attempts.
        if (engineDown) throw new ApiError(engineDown.code, engineDown.message)
        emit({ type: 'translation.paragraph', ...base, paragraph: await translate(paragraph, this.controller.signal) })
        this.translated++
      } catch (error) {
        if (this.controller.signal.aborted) break
        if (!(error instanceof ApiError)) console.error(`Translation of ${this.articleId} ${paragraph.id} failed:`, error)
        const data = toErrorData(error)
        if (data.code === 'engine_unavailable') engineDown = data
        emit({ type: 'translation.error', ...base, paragraphId: paragraph.id, error: data })
      }
      this.done++
      emit({ type: 'translation.progress', ...base, done: this.done, total: this.total })
    }
    await recordCoverage(this.translated)
    emit({ type: 'translation.finished', ...base, state: this.controller.signal.aborted ? 'cancelled' : 'done' })
  }
}
