import { z } from 'zod'

import { type Annotation, annotationColors, annotationKinds, ARTICLE_ID } from '../../api/shapes'
import type { StoredFileKind } from '../fs/json-file'

/** `articles/<id>/annotations.json`: an article's bookmarks, highlights and notes, checked on every read. */
export interface StoredAnnotations {
  schemaVersion: number
  annotations: Annotation[]
  /** Deleted annotations, kept so a delete can be undone and nothing is lost by mistake. */
  deleted: (Annotation & { deletedAt: string })[]
}

const paragraphId = z.string().regex(/^p\d+$/)
const selector = z.object({
  paragraphId,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
})
const annotation = z.object({
  id: z.string().min(1),
  articleId: z.string().regex(ARTICLE_ID),
  kind: z.enum(annotationKinds),
  side: z.enum(['original', 'translation']),
  paragraphId,
  selector: selector.nullable(),
  continuation: z.array(selector).optional(),
  color: z.enum(annotationColors).nullable(),
  note: z.string(),
  tags: z.array(z.string()),
  created: z.string(),
  modified: z.string(),
})

/**
 * Version 2 adds highlights across paragraphs (`continuation`). A file is written as version 2 only once it holds
 * one, so an older app keeps editing the others (and refuses, rather than drops, what it does not know).
 */
export function versionFor(stored: StoredAnnotations): number {
  return [...stored.annotations, ...stored.deleted].some((a) => a.continuation) ? 2 : 1
}

export const annotationsFile: StoredFileKind<StoredAnnotations> = {
  version: 2,
  schema: z.object({
    schemaVersion: z.number().int().positive(),
    annotations: z.array(annotation),
    deleted: z.array(annotation.extend({ deletedAt: z.string() })).default([]),
  }),
}
