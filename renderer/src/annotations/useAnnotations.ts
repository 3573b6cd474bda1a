import type { AnnotationColor, PlacedAnnotation } from '@shared/shapes'
import { useMemo, useState } from 'react'

import { ClientError } from '../api/client-error'
import { useClient } from '../api/context'
import { useCoreData } from '../hooks/useCoreData'
import type { Passage } from './offsets'

export interface ArticleAnnotations {
  /** In reading order; null while loading. */
  list: PlacedAnnotation[] | null
  /** Why the list could not be read, or why the last change was refused. */
  error: ClientError | null
  addHighlight: (passage: Passage, color: AnnotationColor, note?: string) => Promise<void>
  addNote: (paragraphId: string, note: string) => Promise<void>
  toggleBookmark: (paragraphId: string) => Promise<void>
  updateNote: (annotation: PlacedAnnotation, note: string, tags: string[]) => Promise<void>
  remove: (annotation: PlacedAnnotation) => Promise<void>
  restore: (annotation: PlacedAnnotation) => Promise<void>
}

/** An article's bookmarks, highlights and notes, kept current (the core's `annotations.changed` event), and the ways to change them. */
export function useAnnotations(articleId: string): ArticleAnnotations {
  const client = useClient()
  const annotations = useCoreData((core) => core.listAnnotations({ articleId }).then(inReadingOrder), {
    key: articleId,
    events: ['annotations.changed'],
    accepts: (event) => event.articleId === articleId,
  })
  const [changeError, setChangeError] = useState<ClientError | null>(null)
  const { data: list, reloadSoon } = annotations
  const error = changeError ?? annotations.error

  return useMemo(() => {
    const run = async (work: () => Promise<unknown>) => {
      try {
        await work()
        setChangeError(null)
      } catch (e) {
        setChangeError(ClientError.from(e))
        throw e
      } finally {
        // Coalesced with the change's own event, so that a change is read back once.
        reloadSoon()
      }
    }
    return {
      list,
      error,
      // The offsets say where the passage is; its quote (which may run over paragraphs) is not sent.
      addHighlight: ({ quote: _quote, ...where }, color, note) =>
        run(() => client.addAnnotation({ articleId, kind: 'highlight', ...where, color, ...(note?.trim() ? { note } : {}) })),
      addNote: (paragraphId, note) => run(() => client.addAnnotation({ articleId, kind: 'note', paragraphId, note })),
      toggleBookmark: (paragraphId) => {
        const existing = list?.find((a) => a.kind === 'bookmark' && placeOf(a) === paragraphId)
        return run(() =>
          existing
            ? client.deleteAnnotation({ articleId, id: existing.id })
            : client.addAnnotation({ articleId, kind: 'bookmark', paragraphId }),
        )
      },
      updateNote: (annotation, note, tags) => run(() => client.updateAnnotation({ articleId, id: annotation.id, note, tags })),
      remove: (annotation) => run(() => client.deleteAnnotation({ articleId, id: annotation.id })),
      restore: (annotation) => run(() => client.restoreAnnotation({ articleId, id: annotation.id })),
    }
  }, [client, articleId, list, error, reloadSoon])
}

/** The paragraph an annotation is in now (or was in, when orphaned). */
export const placeOf = (a: PlacedAnnotation) => a.anchor?.paragraphId ?? a.paragraphId

const KIND_ORDER = { bookmark: 0, note: 1, highlight: 2 } as const

/** By paragraph; in a paragraph the bookmark, the notes, then the highlights by where they start (original side first). */
export function inReadingOrder(list: PlacedAnnotation[]): PlacedAnnotation[] {
  const number = (a: PlacedAnnotation) => Number(placeOf(a).slice(1))
  return [...list].sort(
    (a, b) =>
      number(a) - number(b) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.side === b.side ? 0 : a.side === 'original' ? -1 : 1) ||
      (a.anchor?.start ?? 0) - (b.anchor?.start ?? 0) ||
      a.created.localeCompare(b.created),
  )
}
