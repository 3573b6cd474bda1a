import { type AnnotationColor, annotationColors, type PlacedAnnotation, placedPassages, type Side, type TextAnchor } from '@shared/shapes'
import { useEffect, useMemo } from 'react'

import { followGridContent } from '../reader/grid-changes'
import { rangeOf, textElementOf } from './offsets'
import { placeOf } from './useAnnotations'

/** What the grid marks on a paragraph: its bookmark, its notes, and the sentences that are a highlight's counterpart. */
export interface ParagraphMarks {
  bookmarked: boolean
  notes: number
  /** Sentence index → colour, per side: the sentences facing a highlight made on the other side. */
  counterpart: Record<Side, Map<number, AnnotationColor>>
}

export function useParagraphMarks(list: PlacedAnnotation[] | null): Map<string, ParagraphMarks> {
  return useMemo(() => {
    const marks = new Map<string, ParagraphMarks>()
    const of = (paragraphId: string) => {
      let found = marks.get(paragraphId)
      if (!found)
        marks.set(paragraphId, (found = { bookmarked: false, notes: 0, counterpart: { original: new Map(), translation: new Map() } }))
      return found
    }
    for (const a of list ?? []) {
      const paragraph = of(placeOf(a))
      if (a.kind === 'bookmark') paragraph.bookmarked = true
      if (a.note) paragraph.notes += 1
      if (a.kind === 'highlight' && a.anchor) {
        const other: Side = a.side === 'original' ? 'translation' : 'original'
        for (const place of placesOf(a)) {
          const facing = of(place.anchor.paragraphId).counterpart[other]
          for (const index of place.sentenceIndexes) facing.set(index, a.color ?? 'yellow')
        }
      }
    }
    return marks
  }, [list])
}

/** A highlight's colour; `noted` underlines those that carry a note; `pending` is the passage a note is being written for. */
/** A highlight's passages that are still in the text, one per paragraph it covers. */
function placesOf(a: PlacedAnnotation): { anchor: TextAnchor; quote: string; sentenceIndexes: number[] }[] {
  return placedPassages(a).flatMap(({ selector, anchor, sentenceIndexes }) =>
    anchor ? [{ anchor, quote: selector.quote, sentenceIndexes }] : [],
  )
}

export const highlightName = (paint: AnnotationColor | 'noted' | 'pending') => `visavis-${paint}` as const
type HighlightName = ReturnType<typeof highlightName>
const PAINTED: HighlightName[] = [...annotationColors.map(highlightName), highlightName('noted')]

/**
 * Paints highlights with the CSS Custom Highlight API: ranges over the sentences' text nodes, so the reader's DOM
 * is left as it is. Repainted whenever the grid's content changes (a translation arrives, the layout changes).
 */
export function useHighlightPainter(grid: HTMLElement | null, list: PlacedAnnotation[] | null) {
  useEffect(() => {
    if (!grid || !highlightsSupported()) return
    const paint = () => {
      const ranges = new Map<HighlightName, Range[]>(PAINTED.map((name) => [name, []]))
      for (const a of list ?? []) {
        if (a.kind !== 'highlight') continue
        for (const { anchor, quote } of placesOf(a)) {
          const element = textElementOf(grid, a.side, anchor.paragraphId)
          const range = element && rangeOf(element, anchor.start, anchor.end, quote)
          if (!range) continue
          ranges.get(highlightName(a.color ?? 'yellow'))!.push(range)
          if (a.note) ranges.get(highlightName('noted'))!.push(range)
        }
      }
      for (const [name, found] of ranges) {
        if (found.length > 0) CSS.highlights.set(name, new Highlight(...found))
        else CSS.highlights.delete(name)
      }
    }
    const stop = followGridContent(grid, paint)
    return () => {
      stop()
      for (const name of PAINTED) CSS.highlights.delete(name)
    }
  }, [grid, list])
}

/** Shows the passage a note is being written for, while the selection itself is gone to the note's field. */
export function paintPending(range: Range | null) {
  if (!highlightsSupported()) return
  if (range) CSS.highlights.set(highlightName('pending'), new Highlight(range))
  else CSS.highlights.delete(highlightName('pending'))
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
}
