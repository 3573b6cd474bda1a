import type { ReadingLayout, ReadingSettings } from '@shared/settings-shape'
import type { ReadingParagraph } from '@shared/shapes'
import { defaultRangeExtractor, type Range, useWindowVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import {
  type Dispatch,
  type RefObject,
  type SetStateAction,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'

/** Articles up to this many paragraphs are in the page whole; longer ones only keep the rows near the view. */
const RENDERED_WHOLE = 120
/** Rows kept in the page above and below the view, so a quick scroll does not show the gaps' blank. */
const OVERSCAN = 6

/** Scrolls a paragraph's row into view, putting it in the page first; resolves with its first cell, once laid out. */
export type RevealParagraph = (paragraphId: string, block?: ScrollLogicalPosition) => Promise<HTMLElement | null>

/**
 * Where an element of the grid comes in its flow (CSS `order`): a row's two cells, then the gap after it, if any. It
 * depends only on the paragraph's index, so a cell's props stay the same as rows come and go around it.
 */
export const flowOrder = (index: number, part: 'original' | 'translation' | 'gap-after') =>
  4 * index + (part === 'original' ? 0 : part === 'translation' ? 1 : 2)

/** A paragraph in the page. */
export interface PlacedRow {
  paragraph: ReadingParagraph
  index: number
}

/** The room of rows left out of the page after a row in it. */
export interface RowGap {
  order: number
  height: number
}

interface Options {
  paragraphs: ReadingParagraph[]
  layout: ReadingLayout
  reading: ReadingSettings
  /** A paragraph kept in the page wherever the view is: the one the keyboard's focus is on. */
  kept: string | null
  /** Where the grid puts what reveals its rows, for the reader's other parts (find, positions, notes, keys). */
  reveal: RefObject<RevealParagraph | null>
}

/**
 * The reader's rows, virtualised over the window's scroll: only those near the view are in the page, the rest are
 * gaps of their measured (or estimated) height. A row holds a paragraph and its translation side by side (or one
 * above the other), so one virtualiser over rows keeps the two panes level.
 */
export function useParagraphRows({ paragraphs, layout, reading, kept, reveal }: Options) {
  const grid = useRef<HTMLDivElement>(null)
  const leadingGap = useRef<HTMLDivElement>(null)
  const [listTop, setListTop] = useState(0)
  const keptIndex = kept === null ? -1 : paragraphs.findIndex((p) => p.id === kept)
  const interleaved = layout === 'interleaved'

  const { fontSize, lineHeight, columnWidth, fontFamily } = reading
  // Guessed once: the virtualiser asks again for every row below one it measures.
  const estimates = useMemo(
    () => paragraphs.map((paragraph) => estimatedHeight(paragraph, { fontSize, lineHeight, columnWidth }, interleaved)),
    [paragraphs, fontSize, lineHeight, columnWidth, interleaved],
  )
  const estimateSize = useCallback((index: number) => estimates[index]!, [estimates])
  const getItemKey = useCallback((index: number) => paragraphs[index]!.id, [paragraphs])

  const virtualizer = useWindowVirtualizer<HTMLElement>({
    count: paragraphs.length,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    // The window's size from the first render on, so the rows in view are in the reader's first paint.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    scrollMargin: listTop,
    rangeExtractor: useCallback(
      (range: Range) => {
        if (range.count <= RENDERED_WHOLE) return Array.from({ length: range.count }, (_, i) => i)
        const indexes = defaultRangeExtractor(range)
        return keptIndex < 0 || indexes.includes(keptIndex) ? indexes : [...indexes, keptIndex].sort((a, b) => a - b)
      },
      [keptIndex],
    ),
    measureElement: rowHeight,
  })

  useListTop(leadingGap, setListTop)

  // Another layout or type size changes every row's height: the measured ones are measured again.
  useEffect(() => virtualizer.measure(), [virtualizer, layout, fontSize, lineHeight, columnWidth, fontFamily])

  useRevealer(reveal, grid, virtualizer, paragraphs)

  return { grid, leadingGap, ...placed(virtualizer, paragraphs, listTop), measure: virtualizer.measureElement }
}

/**
 * Keeps `setListTop` told where the rows start: below the article's header, whose height changes (its translated title
 * arrives, the window narrows) with no event the grid sees. Whatever moves them changes the page's size, so they are
 * read when it does, after the browser's layout (read after each render, they cost a layout of their own per scroll).
 */
function useListTop(leadingGap: RefObject<HTMLDivElement | null>, setListTop: Dispatch<SetStateAction<number>>) {
  useLayoutEffect(() => {
    const read = () => {
      if (!leadingGap.current) return
      const top = leadingGap.current.getBoundingClientRect().top + window.scrollY
      // Set only when it moved, so that it settles.
      setListTop((listTop) => (Math.abs(top - listTop) > 0.5 ? top : listTop))
    }
    read()
    const resized = new ResizeObserver(read)
    resized.observe(document.body)
    return () => resized.disconnect()
  }, [leadingGap, setListTop])
}

/** The rows in the page, the room before them, and the gaps after them (between them when one is kept far away). */
function placed(virtualizer: Virtualizer<Window, HTMLElement>, paragraphs: ReadingParagraph[], listTop: number) {
  const items = virtualizer.getVirtualItems()
  const rows: PlacedRow[] = []
  const gaps: RowGap[] = []
  items.forEach((item, i) => {
    rows.push({ paragraph: paragraphs[item.index]!, index: item.index })
    const next = items[i + 1]?.start ?? listTop + virtualizer.getTotalSize()
    if (next > item.end + 0.5) gaps.push({ order: flowOrder(item.index, 'gap-after'), height: next - item.end })
  })
  return { rows, gaps, leadingHeight: Math.max(0, (items[0]?.start ?? listTop) - listTop) }
}

/** A row's height: from the top of its first cell's margin to the bottom of its last one's (two cells stack when interleaved). */
function rowHeight(measured: Element): number {
  const id = (measured as HTMLElement).dataset.paragraph
  const cells = measured.closest('.reader-grid')?.querySelectorAll<HTMLElement>(`.cell[data-paragraph="${id}"]`) ?? [measured]
  let top = Infinity
  let bottom = -Infinity
  for (const cell of cells) {
    const box = cell.getBoundingClientRect()
    const style = getComputedStyle(cell)
    top = Math.min(top, box.top - parseFloat(style.marginTop))
    bottom = Math.max(bottom, box.bottom + parseFloat(style.marginBottom))
  }
  return bottom - top
}

/** A guess at a row's height before it is laid out, from its length and the reading settings. */
function estimatedHeight(
  paragraph: ReadingParagraph,
  reading: Pick<ReadingSettings, 'fontSize' | 'lineHeight' | 'columnWidth'>,
  interleaved: boolean,
): number {
  // A column of n `ch` holds a little more than n characters of running text.
  const lines = Math.max(1, Math.ceil(paragraph.text.length / (reading.columnWidth * 1.15)))
  const margin = reading.fontSize * 1.1
  return (interleaved ? 2 : 1) * (lines * reading.fontSize * reading.lineHeight + margin)
}

/** Sets `reveal` to scroll a row into view: the virtualiser brings it into the page, then the browser puts it in place. */
function useRevealer(
  reveal: RefObject<RevealParagraph | null>,
  grid: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<Window, HTMLElement>,
  paragraphs: ReadingParagraph[],
) {
  useEffect(() => {
    reveal.current = async (paragraphId, block = 'start') => {
      const index = paragraphs.findIndex((p) => p.id === paragraphId)
      const cellOf = () => grid.current?.querySelector<HTMLElement>(`.cell[data-paragraph="${paragraphId}"]`) ?? null
      if (index < 0) return null
      if (!cellOf()) {
        virtualizer.scrollToIndex(index, { align: block === 'nearest' ? 'auto' : block })
        await settledCell(cellOf)
      }
      // The browser's own scroll keeps the cell's scroll margin clear of the sticky toolbar.
      cellOf()?.scrollIntoView({ block })
      return cellOf()
    }
    return () => void (reveal.current = null)
  }, [reveal, grid, virtualizer, paragraphs])
}

/** Waits, a frame at a time, for the cell to be in the page and to stop moving (the rows around it being measured). */
async function settledCell(cellOf: () => HTMLElement | null, maxFrames = 60): Promise<void> {
  let lastTop: number | null = null
  for (let frame = 0; frame < maxFrames; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const top = cellOf()?.getBoundingClientRect().top ?? null
    if (top !== null && top === lastTop) return
    lastTop = top
  }
}
