import type { ReadingParagraph, Side } from '@shared/shapes'
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'

import { highlightsSupported } from '../annotations/marks'
import { rangeOf, textElementOf } from '../annotations/offsets'
import { findMatches } from './find-matches'
import { followGridContent } from './grid-changes'
import type { ParagraphStates } from './paragraph-states'
import type { ParagraphState } from './useArticleTranslation'
import type { RevealParagraph } from './useParagraphRows'

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

/** A match: `[start, end)` of a side's paragraph text (its sentences joined with single spaces). */
interface Match {
  paragraphId: string
  side: Side
  start: number
  end: number
}

interface Searched {
  grid: HTMLElement | null
  paragraphs: ReadingParagraph[]
  translations: ParagraphStates<ParagraphState>
  /** The sides shown, searched in this order within a paragraph. */
  sides: Side[]
  reveal: RefObject<RevealParagraph | null>
}

/**
 * Find in the article: Ctrl/Cmd+F opens it; the query is looked for in the sides shown, paragraph by paragraph (the
 * original, then its translation), whatever the case and accents. The texts are searched, not the page, so rows out
 * of the page are found too; going to a match brings its row into view. Matches in the page are painted with the
 * CSS Custom Highlight API, again whenever the grid changes (rows come into the page, a translation arrives).
 */
export function useArticleFind({ grid, paragraphs, translations, sides, reveal }: Searched): ArticleFind {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [current, setCurrent] = useState(0)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return
      event.preventDefault()
      // The field is there and focused before this key's handling ends: a letter typed right after is not lost.
      flushSync(() => setOpen(true))
      input.current?.select()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  const matchesOf = useMatchesOf(open ? query : '')
  const matches = useMemo(() => matchesOf(paragraphs, translations, sides), [matchesOf, paragraphs, translations, sides])

  useEffect(() => setCurrent(0), [query])
  const shown = matches.length === 0 ? -1 : Math.min(current, matches.length - 1)
  usePaintedMatches(grid, matches, shown)
  useShownMatchInView(grid, matches[shown], reveal)

  const step = useCallback(
    (by: number) => {
      setCurrent((at) => (matches.length === 0 ? 0 : (at + by + matches.length) % matches.length))
    },
    [matches.length],
  )

  return {
    open,
    query,
    setQuery,
    count: matches.length,
    current: shown,
    next: () => step(1),
    previous: () => step(-1),
    close: () => setOpen(false),
    input,
  }
}

/**
 * What finds the query's matches in the texts; each text's matches are kept until the query changes, so a
 * translation arriving in a long article only costs the search of its own text.
 */
function useMatchesOf(query: string) {
  return useMemo(() => {
    const known = new Map<string, [number, number][]>()
    const matchesIn = (text: string) => {
      let found = known.get(text)
      if (!found) known.set(text, (found = findMatches(text, query)))
      return found
    }
    return (paragraphs: ReadingParagraph[], translations: ParagraphStates<ParagraphState>, sides: Side[]): Match[] => {
      if (query.trim() === '') return []
      const matches: Match[] = []
      for (const paragraph of paragraphs) {
        for (const side of sides) {
          const text = side === 'original' ? paragraph.sentences.join(' ') : translatedText(translations.get(paragraph.id))
          for (const [start, end] of matchesIn(text)) matches.push({ paragraphId: paragraph.id, side, start, end })
        }
      }
      return matches
    }
  }, [query])
}

function translatedText(state: ParagraphState | undefined): string {
  return state?.state === 'done' ? state.sentences.map((pair) => pair.target).join(' ') : ''
}

function rangeOfMatch(grid: HTMLElement, { side, paragraphId, start, end }: Match): Range | null {
  const element = textElementOf(grid, side, paragraphId)
  return element && rangeOf(element, start, end)
}

/** Paints the matches whose rows are in the page, and again when rows come and go. */
function usePaintedMatches(grid: HTMLElement | null, matches: Match[], shown: number) {
  useEffect(() => {
    if (!grid || matches.length === 0 || !highlightsSupported()) return
    const paint = () => {
      const inPage = new Set([...grid.querySelectorAll<HTMLElement>('.cell[data-paragraph]')].map((cell) => cell.dataset.paragraph))
      const others: Range[] = []
      const current: Range[] = []
      matches.forEach((match, i) => {
        const range = inPage.has(match.paragraphId) && rangeOfMatch(grid, match)
        if (range) (i === shown ? current : others).push(range)
      })
      CSS.highlights.set(MATCH, new Highlight(...others))
      CSS.highlights.set(CURRENT, new Highlight(...current))
    }
    const stop = followGridContent(grid, paint)
    return () => {
      stop()
      CSS.highlights.delete(MATCH)
      CSS.highlights.delete(CURRENT)
    }
  }, [grid, matches, shown])
}

/** Brings the match shown into the middle of the view when another one is shown (not when a translation arrives). */
function useShownMatchInView(grid: HTMLElement | null, match: Match | undefined, reveal: RefObject<RevealParagraph | null>) {
  const place = match && `${match.paragraphId}:${match.side}:${match.start}`
  const latest = useRef(match)
  latest.current = match
  useEffect(() => {
    const shown = latest.current
    if (!grid || !shown) return
    void reveal.current?.(shown.paragraphId, 'center').then(() => {
      const range = rangeOfMatch(grid, shown)
      const box = range?.getBoundingClientRect()
      if (box && (box.top < 0 || box.bottom > window.innerHeight)) range!.startContainer.parentElement?.scrollIntoView({ block: 'center' })
    })
  }, [grid, place, reveal])
}
