import { type RefObject, useCallback, useEffect, useRef, useState } from 'react'

import { highlightsSupported } from '../annotations/marks'
import { rangeOf, textElementOf, textOfElement } from '../annotations/offsets'
import { findMatches } from './find-matches'
import { followGridContent } from './grid-changes'

const MATCH = 'visavis-find'
const CURRENT = 'visavis-find-current'

export interface ArticleFind {
  open: boolean
  query: string
  setQuery: (query: string) => void
  /** How many matches, in both panes. */
  count: number
  /** The match shown, from 0; -1 when there is none. */
  current: number
  next: () => void
  previous: () => void
  close: () => void
  input: RefObject<HTMLInputElement | null>
}

/**
 * Find in the article: Ctrl/Cmd+F opens it; the query is looked for in both panes, paragraph by paragraph (the
 * original, then its translation), whatever the case and accents. Matches are painted with the CSS Custom Highlight
 * API and found again whenever the grid changes (a translation arrives).
 */
export function useArticleFind(grid: HTMLElement | null): ArticleFind {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [ranges, setRanges] = useState<Range[]>([])
  const [current, setCurrent] = useState(0)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return
      event.preventDefault()
      setOpen(true)
      requestAnimationFrame(() => input.current?.select())
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  useEffect(() => {
    if (!grid || !open) return setRanges([])
    return followGridContent(grid, () => setRanges(rangesIn(grid, query)))
  }, [grid, open, query])

  useEffect(() => setCurrent(0), [query])
  const shown = ranges.length === 0 ? -1 : Math.min(current, ranges.length - 1)
  usePaintedMatches(ranges, shown)

  const step = useCallback(
    (by: number) => {
      setCurrent((at) => (ranges.length === 0 ? 0 : (at + by + ranges.length) % ranges.length))
    },
    [ranges.length],
  )
  useEffect(() => {
    if (shown >= 0) ranges[shown]!.startContainer.parentElement?.scrollIntoView({ block: 'center' })
  }, [ranges, shown])

  return {
    open,
    query,
    setQuery,
    count: ranges.length,
    current: shown,
    next: () => step(1),
    previous: () => step(-1),
    close: () => setOpen(false),
    input,
  }
}

function rangesIn(grid: HTMLElement, query: string): Range[] {
  if (query.trim() === '') return []
  const ranges: Range[] = []
  const paragraphIds = new Set([...grid.querySelectorAll<HTMLElement>('.cell[data-paragraph]')].map((cell) => cell.dataset.paragraph!))
  for (const paragraphId of paragraphIds) {
    for (const side of ['original', 'translation'] as const) {
      const element = textElementOf(grid, side, paragraphId)
      if (!element) continue
      for (const [start, end] of findMatches(textOfElement(element), query)) {
        const range = rangeOf(element, start, end)
        if (range) ranges.push(range)
      }
    }
  }
  return ranges
}

function usePaintedMatches(ranges: Range[], shown: number) {
  useEffect(() => {
    if (ranges.length === 0 || !highlightsSupported()) return
    CSS.highlights.set(MATCH, new Highlight(...ranges.filter((_, i) => i !== shown)))
    CSS.highlights.set(CURRENT, new Highlight(...(shown >= 0 ? [ranges[shown]!] : [])))
    return () => {
      CSS.highlights.delete(MATCH)
      CSS.highlights.delete(CURRENT)
    }
  }, [ranges, shown])
}
