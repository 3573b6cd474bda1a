/**
 * What the contract's methods take and return, and the events the core emits: types, and the lists of values they
 * allow. No argument schema (zod) lives here, so that a part of the app that validates nothing (the CLI's help, its
 * read-only commands) loads none; main/api/contract.ts declares the methods and re-exports all of this.
 */
import type { ErrorData } from './errors'
import type { CoreMessage } from './messages'
import type { Settings } from './settings-shape'

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024
/** Files in one batch of a folder import. */
export const MAX_FILES_PER_BATCH = 50
/** An article's id: the start of its text's SHA-256, checked wherever an id becomes part of a path. */
export const ARTICLE_ID = /^[0-9a-f]{16}$/

// ── Shapes the core returns ─────────────────────────────────────────────────────────────────────────────────

/** What a block of the article is; a heading's level is apart (`Paragraph.level`). */
export const blockKinds = ['paragraph', 'heading', 'quote', 'item', 'caption', 'question'] as const
export type BlockKind = (typeof blockKinds)[number]

export const markKinds = ['bold', 'italic', 'link', 'footnote'] as const
export type MarkKind = (typeof markKinds)[number]

/**
 * Inline markup over `[start, end)` of a paragraph's text; a link carries its http(s) address. A footnote's marker
 * ("1", "*") is not part of the text, so sentences, search and engines read the text without it: the mark sits at a
 * point (`start` = `end`) and carries the marker as its `label`.
 */
export interface InlineMark {
  kind: MarkKind
  start: number
  end: number
  href?: string
  label?: string
}

export interface Paragraph {
  /** Stable for the life of the article: `p1`, `p2`, … in reading order at import time. */
  id: string
  text: string
  /** A plain paragraph when absent (and in every article imported before structure was kept). */
  kind?: BlockKind
  /** A heading's level, 2 to 6: the article's title is the one level-1 heading. */
  level?: number
  marks?: InlineMark[]
}

/** A paragraph as the reader gets it: also cut into the sentences its translation is aligned on. */
export interface ReadingParagraph extends Paragraph {
  sentences: string[]
}

export interface ArticleSummary {
  id: string
  title: string
  lang: string
  /** ISO 8601: a date, or a date and time when the source gave one. */
  publishedAt: string | null
  source: string | null
  byline: string | null
  url: string | null
  addedAt: string
  wordCount: number
  paragraphCount: number
  tags: string[]
  /** Share of the article read, 0 to 1. */
  progress: number
  /** The paragraph the reader was at, to reopen there. */
  position: string | null
  /** The engine chosen in the reader for this article; without one, the default engine translates it. */
  engine?: EngineId
  /** The article's first sentence, for the list; absent from articles imported before it was kept. */
  excerpt?: string
  /** How far its latest translation got; absent until the article is first translated. */
  translation?: TranslationCoverage
}

/** Kept in the library index with each article, so the list never reads a translation cache. */
export interface TranslationCoverage {
  engine: EngineId
  to: string
  /** Paragraphs translated, of `total`. */
  translated: number
  total: number
}

export type TranslationState =
  { state: 'none' } | { state: 'partial'; engine: EngineId; percent: number } | { state: 'done'; engine: EngineId }

/**
 * What the list says of an article's translation (into `to`, when given: one into another language is none); a
 * partial one never rounds up to 100 %, nor down to 0 %.
 */
export function translationStateOf(coverage: TranslationCoverage | undefined, to?: string): TranslationState {
  if (!coverage || coverage.translated === 0 || (to !== undefined && coverage.to !== to)) return { state: 'none' }
  const { engine, translated, total } = coverage
  if (translated >= total) return { state: 'done', engine }
  return { state: 'partial', engine, percent: Math.min(99, Math.max(1, Math.floor((translated / total) * 100))) }
}

export interface Article extends Omit<ArticleSummary, 'tags' | 'progress' | 'position' | 'engine' | 'excerpt' | 'translation'> {
  paragraphs: Paragraph[]
}

export interface ReadingArticle extends Article {
  paragraphs: ReadingParagraph[]
  /** Where the reader left off. */
  position: string | null
  /** The engine chosen for this article, if any. */
  engine?: EngineId
}

export interface ImportResult {
  status: 'imported' | 'duplicate'
  article: ArticleSummary
  /** A duplicate's title in what was imported, when the library holds the article under another title. */
  importedTitle?: string
  /** A duplicate stored before structure was kept, given its headings, lists and emphasis from this copy. */
  structureAdded?: true
}

/** One file of a batch import: imported, already there, or refused with the reason. */
export type ImportOutcome = ({ fileName: string } & ImportResult) | { fileName: string; status: 'failed'; error: ErrorData }

/** The files of a batch that were imported in another language than French, for its summary to name. */
/** How many files of an import came in, were there already, or failed. */
export function countOutcomes(outcomes: ImportOutcome[]): Record<'imported' | 'duplicates' | 'failed', number> {
  const count = (status: ImportOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length
  return { imported: count('imported'), duplicates: count('duplicate'), failed: count('failed') }
}

export function notInFrench(outcomes: ImportOutcome[]): ({ fileName: string } & ImportResult)[] {
  return outcomes.flatMap((outcome) => (outcome.status === 'imported' && outcome.article.lang !== 'fr' ? [outcome] : []))
}

export interface Snippet {
  /** The paragraph the snippet comes from, to jump to it. */
  paragraphId: string | null
  text: string
  /** `[start, end)` character ranges of `text` that matched the query. */
  highlights: [number, number][]
}

export interface SearchHit {
  id: string
  title: string
  score: number
  snippet: Snippet
}

// ── Translation ─────────────────────────────────────────────────────────────────────────────────────────────

export const engineIds = ['bergamot', 'apertium', 'libretranslate'] as const
export type EngineId = (typeof engineIds)[number]

/** ISO 639-1 codes ("fr", "en", "es", "ca"). */
export interface LanguagePair {
  from: string
  to: string
}

/** An engine's state, and when it cannot translate, the step a user takes to fix it. */
export type EngineStatus =
  | { state: 'ready' }
  | { state: 'needs_model'; fix: CoreMessage }
  | { state: 'not_installed'; fix: CoreMessage }
  | { state: 'unavailable'; fix: CoreMessage }

export interface EngineInfo {
  id: EngineId
  status: EngineStatus
  pairs: LanguagePair[]
}

export const routeReasons = ['keeps_negation', 'fewer_untranslated_words', 'reads_more_like_english', 'preferred_route'] as const
export type RouteReason = (typeof routeReasons)[number]

/** Sentence i of the original and its translation: what the reader links on hover. */
export interface SentencePair {
  source: string
  target: string
  /** The engine's way to this translation where it has several: the languages it went through ("fr-es-en"). */
  route?: string
  /** Why that way was taken over the others. */
  routeReason?: RouteReason
  /** Source words the engine could not translate, left as they were. */
  unknownWords?: string[]
  /** Words left untranslated, or two ways that disagree: the reader marks the sentence. */
  unsure?: boolean
  /** The other way's translation, shown on demand. */
  alternative?: { route: string; target: string }
}

export interface ParagraphTranslation {
  paragraphId: string
  sentences: SentencePair[]
}

export interface ArticleTranslation {
  articleId: string
  engine: EngineId
  model: string
  to: string
  /** The article's title in the target language, once translated. */
  title?: string
  /** The paragraphs translated so far, in reading order. */
  paragraphs: ParagraphTranslation[]
}

export interface TranslationJob extends ArticleTranslation {
  /** Null when everything came from the cache and no work runs. */
  jobId: string | null
  total: number
  done: number
}

/** A reader's correction, applied by every engine: `source` (a word or phrase of the original) is translated `target`. */
export interface GlossaryEntry {
  id: string
  from: string
  to: string
  source: string
  target: string
  created: string
}

// ── Annotations ─────────────────────────────────────────────────────────────────────────────────────────────

export const annotationColors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const
export type AnnotationColor = (typeof annotationColors)[number]
export const annotationKinds = ['bookmark', 'highlight', 'note'] as const
/** A bookmark marks a paragraph; a highlight marks a passage (and may carry a note); a note is on a paragraph. */
export type AnnotationKind = (typeof annotationKinds)[number]
/** The column a note is on: the French original or its translation. */
export const sides = ['original', 'translation'] as const
export type Side = (typeof sides)[number]

export interface TextAnchor {
  paragraphId: string
  start: number
  end: number
}

/** Where a passage is: paragraph and offsets when made, plus its quote with the text around it to find it again. */
export interface PassageSelector extends TextAnchor {
  quote: string
  prefix: string
  suffix: string
}

export interface Annotation {
  id: string
  articleId: string
  kind: AnnotationKind
  side: Side
  paragraphId: string
  /** Null for bookmarks and paragraph notes. */
  selector: PassageSelector | null
  /** A highlight over several paragraphs: its passage in each paragraph after the first (`selector`'s), in order. */
  continuation?: PassageSelector[]
  color: AnnotationColor | null
  note: string
  tags: string[]
  created: string
  modified: string
}

/** A highlight's quoted text, one passage per paragraph it covers; none for bookmarks and paragraph notes. */
export function quotesOf({ selector, continuation = [] }: Pick<Annotation, 'selector' | 'continuation'>): string[] {
  return selector ? [selector, ...continuation].map((passage) => passage.quote) : []
}

/** A highlight's passage in one paragraph, where it is now (null when its text is gone), with the sentences it covers there. */
export interface PlacedPassage {
  selector: PassageSelector
  anchor: TextAnchor | null
  sentenceIndexes: number[]
}

/** A highlight's passages paragraph by paragraph (its selector's, then its continuation's); none for bookmarks and notes. */
export function placedPassages(a: PlacedAnnotation): PlacedPassage[] {
  if (!a.selector) return []
  const rest = (a.continuation ?? []).map((selector, i) => ({
    selector,
    ...(a.continuationPlaces?.[i] ?? { anchor: null, sentenceIndexes: [] }),
  }))
  return [{ selector: a.selector, anchor: a.anchor, sentenceIndexes: a.sentenceIndexes }, ...rest]
}

/** An annotation where it is now: its anchor, or orphaned when its quote is no longer in the text. */
export interface PlacedAnnotation extends Annotation {
  anchor: TextAnchor | null
  orphaned: boolean
  articleTitle: string
  /** The sentence pairs the annotation covers, for the counterpart mark and for exports. */
  sentences: SentencePair[]
  /** The indexes of those sentences in their paragraph. */
  sentenceIndexes: number[]
  /** Where each passage of `continuation` is now, and the sentences it covers there. */
  continuationPlaces?: PassagePlace[]
}

export interface PassagePlace {
  /** Null when the passage's text is gone. */
  anchor: TextAnchor | null
  sentenceIndexes: number[]
}

export const exportFormats = ['md', 'json', 'csv', 'anki'] as const
export type ExportFormat = (typeof exportFormats)[number]
/** What separates a CSV export's fields: a comma, or a semicolon where a comma writes decimals (Excel in French), or a tab. */
export const csvDelimiters = [',', ';', '\t'] as const
export type CsvDelimiter = (typeof csvDelimiters)[number]

export interface ExportFile {
  fileName: string
  mimeType: string
  content: string
}

/** What the conflict copies of a synced library brought, merged into its files. */
export const mergedKinds = ['notes', 'articles', 'sentences', 'glossaryEntries', 'settings'] as const
export type MergedKind = (typeof mergedKinds)[number]
export type MergedCounts = Record<MergedKind, number> & {
  /** Conflict copies merged (or found to add nothing) and moved to `.merged/`. */
  copies: number
}

export interface AppInfo {
  version: string
  libraryDir: string
  userDataDir: string
  modelsDir: string
  /** Damaged files found and set aside since the library was opened, with where they went. */
  problems: string[]
  /** What conflict copies made by another computer brought since the library was opened. */
  merged: MergedCounts
}

/** A Bergamot model installed under `<userData>/models/`. */
export interface ModelInfo {
  name: string
  from: string
  to: string
  version: string
  sizeBytes: number
}

/** A model the catalogue offers for download. */
export interface CatalogueEntry extends ModelInfo {
  /** What a download moves over the network, as far as the catalogue knows (files may travel compressed). */
  transferBytes: number
  installed: boolean
  /** The catalogue that lists it, the first of those configured that answered: an http(s) URL or a file. */
  catalogueSource: string
}

// ── Events the core emits ───────────────────────────────────────────────────────────────────────────────────

export type ApiEvent =
  | { type: 'library.changed'; articleIds: string[] }
  | { type: 'settings.changed'; settings: Settings }
  | { type: 'model.progress'; name: string; file: string; bytesDone: number; bytesTotal: number }
  | { type: 'models.changed' }
  | { type: 'annotations.changed'; articleId: string }
  | { type: 'library.merged'; merged: MergedCounts }
  | { type: 'translation.paragraph'; jobId: string; articleId: string; paragraph: ParagraphTranslation }
  | { type: 'translation.progress'; jobId: string; articleId: string; done: number; total: number }
  | { type: 'translation.error'; jobId: string; articleId: string; paragraphId: string; error: ErrorData }
  | { type: 'translation.finished'; jobId: string; articleId: string; state: 'done' | 'cancelled' }
