import { z } from 'zod'

import { type Article, ARTICLE_ID, type ArticleSummary, blockKinds, engineIds, type InlineMark, markKinds } from '../../api/shapes'
import type { StoredFileKind } from '../fs/json-file'

/** The shapes of `library.json`, `library.journal` and `articles/<id>/article.json`, checked on every read. */

/** 2: changes made since `library.json` was written are lines of `library.journal` beside it (see index-store.ts). */
export const LIBRARY_SCHEMA_VERSION = 2
/**
 * 2: paragraphs carry their block kind, heading level and inline marks (version 1 files read as plain paragraphs);
 * 3: footnote marks (see `articleVersionFor`).
 */
export const ARTICLE_SCHEMA_VERSION = 3

export interface TrashedArticle extends ArticleSummary {
  deletedAt: string
}

export interface LibraryIndex {
  schemaVersion: number
  articles: ArticleSummary[]
  /** Deleted articles, kept (with their folders under `trash/`) so a delete can be undone. */
  trash: TrashedArticle[]
}

/**
 * A line of `library.journal`: one change to the index, whole, so that applying a line twice changes nothing more
 * than applying it once. An article added or changed; taken out of the list; put in the trash; gone from the trash.
 */
export type JournalEntry = { article: ArticleSummary } | { removed: string } | { trashed: TrashedArticle } | { purged: string }

export interface StoredArticle extends Article {
  schemaVersion: number
}

const articleId = z.string().regex(ARTICLE_ID)
const optionalText = z.string().nullable().default(null)
const metadata = {
  id: articleId,
  title: z.string(),
  lang: z.string(),
  publishedAt: optionalText,
  source: optionalText,
  byline: optionalText,
  url: optionalText,
  addedAt: z.string(),
  wordCount: z.number().int().nonnegative(),
  paragraphCount: z.number().int().nonnegative(),
}
const summary = z.object({
  ...metadata,
  tags: z.array(z.string()),
  progress: z.number().min(0).max(1),
  position: optionalText,
  // Absent from files written before it existed; an engine this version does not know is no choice.
  engine: z.enum(engineIds).optional().catch(undefined),
  // Absent from files written before they existed; one this version cannot read is as if absent.
  excerpt: z.string().optional().catch(undefined),
  translation: z
    .object({
      engine: z.enum(engineIds),
      to: z.string(),
      translated: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    })
    .optional()
    .catch(undefined),
})

const trashed = summary.extend({ deletedAt: z.string() })

export const libraryIndexFile: StoredFileKind<LibraryIndex> = {
  version: LIBRARY_SCHEMA_VERSION,
  schema: z.object({
    schemaVersion: z.number().int().positive(),
    articles: z.array(summary),
    trash: z.array(trashed).default([]),
  }),
}

export const journalEntry: z.ZodType<JournalEntry> = z.union([
  z.object({ article: summary }),
  z.object({ removed: articleId }),
  z.object({ trashed }),
  z.object({ purged: articleId }),
])

const mark = z.object({
  kind: z.enum(markKinds),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  href: z
    .string()
    .regex(/^https?:\/\//i)
    .optional(),
  label: z.string().min(1).max(8).optional(),
})

const fitsText = (mark: InlineMark, text: string) =>
  mark.kind === 'footnote'
    ? mark.label !== undefined && mark.start === mark.end && mark.end <= text.length
    : mark.start < mark.end && mark.end <= text.length

const paragraph = z
  .object({
    id: z.string().regex(/^p\d+$/),
    text: z.string(),
    kind: z.enum(blockKinds).optional(),
    level: z.number().int().min(2).max(6).optional(),
    marks: z.array(mark).optional(),
  })
  // A mark past the end of its text (a hand-edited file) is dropped rather than the whole article set aside.
  .transform(({ marks, ...rest }) => {
    const fitting = marks?.filter((m: InlineMark) => fitsText(m, rest.text)) ?? []
    return fitting.length > 0 ? { ...rest, marks: fitting } : rest
  })

/**
 * Version 3 adds footnote marks. An article is written as version 3 only when it holds one, so an older app keeps
 * reading the others (and refuses, rather than sets aside, what it does not know).
 */
export function articleVersionFor(article: Pick<Article, 'paragraphs'>): number {
  return article.paragraphs.some((paragraph) => paragraph.marks?.some((mark) => mark.kind === 'footnote')) ? 3 : 2
}

export const articleFile: StoredFileKind<StoredArticle> = {
  version: ARTICLE_SCHEMA_VERSION,
  schema: z.object({
    schemaVersion: z.number().int().positive(),
    ...metadata,
    paragraphs: z.array(paragraph),
  }),
}
