import type { PlacedAnnotation } from '@shared/shapes'
import { type Dispatch, type RefObject, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { UndoToast } from '../components/UndoToast'
import type { ReaderChange } from '../reader/reader-state'
import { useReader } from '../reader/ReaderContext'
import type { RevealParagraph } from '../reader/useParagraphRows'
import { COVERED_TOP } from '../reader/useVisibleParagraphs'
import { useHighlightPainter, useParagraphMarks } from './marks'
import { NotesPanel } from './NotesPanel'
import { type GlossaryFix, SelectionToolbar } from './SelectionToolbar'
import { placeOf, useAnnotations } from './useAnnotations'

interface Options {
  articleId: string
  grid: HTMLElement | null
  /** Scrolls a paragraph's row into view, rows out of the page included. */
  reveal: RefObject<RevealParagraph | null>
  /** The lit sentence ("p3:1"): its paragraph is the one `b` bookmarks. */
  active: string | null
  dispatch: Dispatch<ReaderChange>
}

/** Everything the reader does with annotations: marks for the grid, highlights painted, what the notes panel needs. */
export function useReaderAnnotations({ articleId, grid, reveal, active, dispatch }: Options) {
  const annotations = useAnnotations(articleId)
  const byParagraph = useParagraphMarks(annotations.list)
  useHighlightPainter(grid, annotations.list)
  const [deleted, setDeleted] = useState<PlacedAnnotation | null>(null)
  const topParagraph = useRef<string | null>(null)
  const lastParagraph = useRef<string | null>(null)
  const latest = useRef(annotations)
  latest.current = annotations

  useEffect(() => {
    if (active) lastParagraph.current = active.split(':')[0]!
  }, [active])

  /** The focused or lit paragraph while it is in view, else the first paragraph in view. */
  const currentParagraph = useCallback(() => {
    const last = lastParagraph.current
    const cell = last && grid?.querySelector(`[data-paragraph="${last}"]`)
    const box = cell ? cell.getBoundingClientRect() : null
    if (last && box && box.bottom > COVERED_TOP && box.top < window.innerHeight) return last
    return topParagraph.current ?? last ?? 'p1'
  }, [grid])

  const onToggleBookmark = useCallback((paragraphId: string) => void latest.current.toggleBookmark(paragraphId).catch(() => undefined), [])

  const onShowNotes = useCallback(
    (paragraphId: string) => {
      dispatch({ type: 'openNotes' })
      setTimeout(() => {
        const item = document.querySelector<HTMLElement>(`.notes-panel [data-paragraph="${paragraphId}"]`)
        item?.scrollIntoView({ block: 'nearest' })
        item?.animate([{ backgroundColor: 'var(--active-bg)' }, { backgroundColor: 'transparent' }], { duration: 1400 })
      }, 60)
    },
    [dispatch],
  )

  const jump = useCallback(
    (annotation: PlacedAnnotation) => {
      const paragraphId = placeOf(annotation)
      lastParagraph.current = paragraphId
      dispatch({ type: 'carryOnFrom', key: `${paragraphId}:${annotation.sentenceIndexes[0] ?? 0}` })
      void reveal.current?.(paragraphId, 'start').then(() => {
        for (const cell of grid?.querySelectorAll<HTMLElement>(`.cell[data-paragraph="${paragraphId}"]`) ?? [])
          cell.animate([{ backgroundColor: 'var(--active-bg)' }, { backgroundColor: 'transparent' }], { duration: 1600 })
      })
    },
    [grid, reveal, dispatch],
  )

  const remove = useCallback(async (annotation: PlacedAnnotation) => {
    try {
      await latest.current.remove(annotation)
      setDeleted(annotation)
    } catch {
      // The panel shows the error.
    }
  }, [])

  return {
    marks: { byParagraph, onToggleBookmark, onShowNotes },
    toggleCurrentBookmark: () => onToggleBookmark(currentParagraph()),
    setTopParagraph: (paragraphId: string) => void (topParagraph.current = paragraphId),
    layer: { grid, annotations, deleted, setDeleted, currentParagraph, jump, remove },
  }
}

type Layer = ReturnType<typeof useReaderAnnotations>['layer']

/** What floats over the reader: the selection's toolbar, the notes panel, the undo of a delete. */
export function ReaderAnnotationsLayer({ layer, glossary }: { layer: Layer; glossary?: GlossaryFix }) {
  const { t } = useTranslation()
  const { article, state, dispatch } = useReader()
  const { annotations, deleted, setDeleted } = layer
  const expire = useCallback(() => setDeleted(null), [setDeleted])
  return (
    <>
      <SelectionToolbar container={layer.grid} onHighlight={annotations.addHighlight} glossary={glossary} />
      {state.notesOpen && (
        <NotesPanel
          articleId={article.id}
          languages={{ from: article.lang, to: state.to }}
          annotations={annotations}
          currentParagraph={layer.currentParagraph}
          onJump={layer.jump}
          onDelete={(annotation) => void layer.remove(annotation)}
          onClose={() => dispatch({ type: 'closeNotes' })}
        />
      )}
      {deleted && (
        <UndoToast
          message={t(`notes.deleted.${deleted.kind}`)}
          onUndo={() => {
            setDeleted(null)
            void annotations.restore(deleted).catch(() => undefined)
          }}
          onExpire={expire}
        />
      )}
    </>
  )
}
