/**
 * The one API contract of Vis-à-vis. Every door (Electron IPC, the HTTP browser host, the CLI) and both renderer
 * clients are generated from this object by a loop: a new feature adds one entry here and one function in the core.
 */
import { z } from 'zod'

import type { MethodName } from './methods'
import { settingsPatchSchema } from './settings'
import { type Settings } from './settings-shape'
import {
  type Annotation,
  annotationColors,
  annotationKinds,
  type AppInfo,
  ARTICLE_ID,
  type ArticleSummary,
  type ArticleTranslation,
  type CatalogueEntry,
  csvDelimiters,
  engineIds,
  type EngineInfo,
  type ExportFile,
  exportFormats,
  type GlossaryEntry,
  type ImportOutcome,
  type ImportResult,
  MAX_FILES_PER_BATCH,
  MAX_IMPORT_BYTES,
  type ModelInfo,
  type ParagraphTranslation,
  type PlacedAnnotation,
  type ReadingArticle,
  type SearchHit,
  sides,
  type TranslationJob,
} from './shapes'

export { isMethodName, type MethodName, methodNames } from './methods'
export * from './shapes'

// ── Methods ─────────────────────────────────────────────────────────────────────────────────────────────────

const articleId = z.string().regex(ARTICLE_ID, 'an article id is 16 hexadecimal characters')
const fileName = z.string().min(1).max(1024)
const fileContent = z.base64('the file content must be base64').max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4, 'the file is over 20 MB')
const tag = z.string().trim().min(1).max(60)
const language = z.string().regex(/^[a-z]{2,3}$/, 'a language is a two- or three-letter code such as "en"')
const engineId = z.enum(engineIds)
const paragraphId = z.string().regex(/^p\d{1,6}$/, 'a paragraph id looks like "p3"')
const jobId = z.string().min(1).max(64)
const annotationId = z.string().regex(/^[0-9a-f-]{36}$/, 'an annotation id is a UUID')
const glossaryId = z.string().regex(/^[0-9a-f-]{36}$/, 'a glossary entry id is a UUID')
const glossaryText = z
  .string()
  .max(200)
  .refine((text) => text.trim().length > 0, 'a glossary entry needs words on both sides')
const side = z.enum(sides)
const color = z.enum(annotationColors)
const noteText = z.string().max(20_000)
const modelName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a model name such as "fren"')

interface MethodSchema {
  args: z.ZodType
  result: unknown
}

/** Declares a method: its argument schema, then (as a type only) its result: `method(schema).returns<R>()`. */
function method<Args extends z.ZodType>(args: Args) {
  return { returns: <Result>() => ({ args, result: undefined as unknown as Result }) }
}

export const contract = {
  listArticles: method(z.object({}).strict()).returns<ArticleSummary[]>(),
  getArticle: method(z.object({ id: articleId }).strict()).returns<ReadingArticle>(),
  search: method(
    z
      .object({ query: z.string().trim().min(1, 'the query is empty').max(500), limit: z.number().int().min(1).max(200).optional() })
      .strict(),
  ).returns<SearchHit[]>(),
  importText: method(
    z.object({ text: z.string().max(MAX_IMPORT_BYTES, 'the text is over 20 MB'), sourceName: fileName.optional() }).strict(),
  ).returns<ImportResult>(),
  importFile: method(z.object({ fileName, base64: fileContent }).strict()).returns<ImportResult>(),
  importFiles: method(
    z
      .object({
        files: z
          .array(z.object({ fileName, base64: fileContent }).strict())
          .min(1)
          .max(MAX_FILES_PER_BATCH),
      })
      .strict(),
  ).returns<ImportOutcome[]>(),
  importUrl: method(
    z.object({ url: z.string().min(1).max(4096), allowPrivateAddress: z.boolean().optional() }).strict(),
  ).returns<ImportResult>(),
  deleteArticle: method(z.object({ id: articleId }).strict()).returns<ArticleSummary>(),
  restoreArticle: method(z.object({ id: articleId }).strict()).returns<ArticleSummary>(),
  setTags: method(z.object({ id: articleId, tags: z.array(tag).max(50) }).strict()).returns<ArticleSummary>(),
  setReadingPosition: method(z.object({ id: articleId, paragraphId, progress: z.number().min(0).max(1) }).strict()).returns<null>(),
  /** Keeps the engine chosen for an article: it translates the article when a call names none. */
  setArticleEngine: method(z.object({ id: articleId, engine: engineId }).strict()).returns<ArticleSummary>(),
  getAppInfo: method(z.object({}).strict()).returns<AppInfo>(),
  getSettings: method(z.object({}).strict()).returns<Settings>(),
  updateSettings: method(z.object({ patch: settingsPatchSchema }).strict()).returns<Settings>(),
  listEngines: method(z.object({}).strict()).returns<EngineInfo[]>(),
  translateArticle: method(
    z
      .object({
        id: articleId,
        to: language.optional(),
        engine: engineId.optional(),
        visibleParagraphIds: z.array(paragraphId).max(10_000).optional(),
      })
      .strict(),
  ).returns<TranslationJob>(),
  setVisibleParagraphs: method(z.object({ jobId, paragraphIds: z.array(paragraphId).max(10_000) }).strict()).returns<null>(),
  cancelTranslation: method(z.object({ jobId }).strict()).returns<null>(),
  getTranslation: method(
    z.object({ id: articleId, to: language.optional(), engine: engineId.optional() }).strict(),
  ).returns<ArticleTranslation | null>(),
  listGlossary: method(z.object({}).strict()).returns<GlossaryEntry[]>(),
  /** Adds a correction, or changes the one with the same source words; the sentences it touches translate afresh. */
  addGlossaryEntry: method(
    z.object({ source: glossaryText, target: glossaryText, from: language.optional(), to: language.optional() }).strict(),
  ).returns<GlossaryEntry>(),
  updateGlossaryEntry: method(z.object({ id: glossaryId, source: glossaryText, target: glossaryText }).strict()).returns<GlossaryEntry>(),
  removeGlossaryEntry: method(z.object({ id: glossaryId }).strict()).returns<GlossaryEntry>(),
  addAnnotation: method(
    z
      .object({
        articleId,
        kind: z.enum(annotationKinds),
        side: side.optional(),
        paragraphId,
        /** A passage by offsets in the paragraph's text on that side, or by its quote (found in or near the paragraph). */
        start: z.number().int().min(0).optional(),
        end: z.number().int().min(0).optional(),
        /** A passage across paragraphs: from `start` in `paragraphId` to `end` in this later paragraph. */
        endParagraphId: paragraphId.optional(),
        quote: z.string().min(1).max(5000).optional(),
        color: color.optional(),
        note: noteText.optional(),
        tags: z.array(tag).max(50).optional(),
      })
      .strict(),
  ).returns<PlacedAnnotation>(),
  updateAnnotation: method(
    z
      .object({
        articleId,
        id: annotationId,
        note: noteText.optional(),
        color: color.nullable().optional(),
        tags: z.array(tag).max(50).optional(),
      })
      .strict(),
  ).returns<PlacedAnnotation>(),
  deleteAnnotation: method(z.object({ articleId, id: annotationId }).strict()).returns<Annotation>(),
  /** Brings back a deleted annotation (deleted ones are kept in the article's annotations file). */
  restoreAnnotation: method(z.object({ articleId, id: annotationId }).strict()).returns<PlacedAnnotation>(),
  listAnnotations: method(z.object({ articleId }).strict()).returns<PlacedAnnotation[]>(),
  searchAnnotations: method(
    z
      .object({
        query: z.string().max(500).optional(),
        articleId: articleId.optional(),
        tag: tag.optional(),
        color: color.optional(),
        kind: z.enum(annotationKinds).optional(),
      })
      .strict(),
  ).returns<PlacedAnnotation[]>(),
  exportAnnotations: method(
    z.object({ articleId: articleId.optional(), format: z.enum(exportFormats), delimiter: z.enum(csvDelimiters).optional() }).strict(),
  ).returns<ExportFile>(),
  listModels: method(z.object({}).strict()).returns<ModelInfo[]>(),
  modelCatalogue: method(z.object({}).strict()).returns<CatalogueEntry[]>(),
  downloadModel: method(z.object({ name: modelName }).strict()).returns<ModelInfo>(),
  cancelModelDownload: method(z.object({ name: modelName }).strict()).returns<null>(),
  /** A folder of model files, a folder of such folders, or a .tar/.tar.gz/.tar.zst archive, on this machine. */
  importModels: method(z.object({ path: z.string().min(1).max(4096) }).strict()).returns<ModelInfo[]>(),
  deleteModel: method(z.object({ name: modelName }).strict()).returns<null>(),
  retranslate: method(
    z
      .object({
        id: articleId,
        paragraphId,
        sentenceIndex: z.number().int().min(0).optional(),
        to: language.optional(),
        engine: engineId.optional(),
      })
      .strict(),
  ).returns<ParagraphTranslation>(),
} satisfies { [M in MethodName]: MethodSchema }

export type Contract = typeof contract
export type ArgsOf<M extends MethodName> = z.input<Contract[M]['args']>
export type ResultOf<M extends MethodName> = Contract[M]['result']

/** What every client offers the renderer, whichever door it goes through. */
export type Api = { [M in MethodName]: (args: ArgsOf<M>) => Promise<ResultOf<M>> }
