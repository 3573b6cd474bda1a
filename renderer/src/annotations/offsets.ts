import type { Side } from '@shared/shapes'

/**
 * Character offsets in a paragraph's text on one side, as the core counts them: the paragraph's sentences joined
 * with single spaces, which is what the reader shows (one `.sentence` span per sentence, a space between them).
 */
export interface Passage {
  side: Side
  paragraphId: string
  start: number
  /** In `endParagraphId`'s text when the passage runs on into later paragraphs, else in `paragraphId`'s. */
  end: number
  endParagraphId?: string
  quote: string
}

const CELL_SELECTOR = '.cell-original[data-paragraph], .cell-translation[data-paragraph]'

/** The element holding a side's sentence spans for a paragraph, in the grid. */
export function textElementOf(root: ParentNode, side: Side, paragraphId: string): HTMLElement | null {
  return side === 'original'
    ? root.querySelector<HTMLElement>(`.cell-original[data-paragraph="${paragraphId}"]`)
    : root.querySelector<HTMLElement>(`.cell-translation[data-paragraph="${paragraphId}"] .translation-text`)
}

const spansOf = (element: HTMLElement) => [...element.querySelectorAll<HTMLElement>('.sentence')]
const textOf = (spans: HTMLElement[]) => spans.map((span) => span.textContent ?? '').join(' ')

/** A side's paragraph text as the offsets count it. */
export const textOfElement = (element: HTMLElement) => textOf(spansOf(element))

/**
 * The passage a selection covers, on the side where it starts: within one paragraph, or from a place in it to a
 * place in a later paragraph of the same side. Null when it is not in a paragraph's text.
 */
export function passageOf(range: Range): Passage | null {
  const startCell = closestCell(range.startContainer)
  const cell = startCell ?? closestCell(range.endContainer)
  if (!cell) return null
  const side: Side = cell.classList.contains('cell-original') ? 'original' : 'translation'
  const element = sideText(cell, side)
  if (!element) return null
  const spans = spansOf(element)
  const text = textOf(spans)
  let start = startCell ? offsetOf(spans, range.startContainer, range.startOffset, 'start') : 0
  while (start < text.length && /\s/.test(text[start]!)) start++
  const endCell = closestCell(range.endContainer)
  const endElement = endCell && endCell !== cell && sameSide(endCell, side) ? sideText(endCell, side) : null
  if (endCell && endElement) {
    const endSpans = spansOf(endElement)
    const end = trimmedEnd(textOf(endSpans), 0, offsetOf(endSpans, range.endContainer, range.endOffset, 'end'))
    if (start < text.length && end > 0)
      return {
        side,
        paragraphId: cell.dataset.paragraph!,
        start,
        end,
        endParagraphId: endCell.dataset.paragraph!,
        quote: range.toString().trim(),
      }
  }
  const end = trimmedEnd(
    text,
    start,
    element.contains(range.endContainer) ? offsetOf(spans, range.endContainer, range.endOffset, 'end') : text.length,
  )
  if (end <= start) return null
  return { side, paragraphId: cell.dataset.paragraph!, start, end, quote: text.slice(start, end) }
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--
  return end
}

function sideText(cell: HTMLElement, side: Side): HTMLElement | null {
  return side === 'original' ? cell : cell.querySelector<HTMLElement>('.translation-text')
}

function sameSide(cell: HTMLElement, side: Side): boolean {
  return cell.classList.contains(side === 'original' ? 'cell-original' : 'cell-translation')
}

/** A live Range over `[start, end)` of a side's paragraph, found again by its quote when the offsets moved. */
export function rangeOf(element: HTMLElement, start: number, end: number, quote?: string): Range | null {
  const spans = spansOf(element)
  const text = textOf(spans)
  if (quote !== undefined && text.slice(start, end) !== quote) {
    const at = text.indexOf(quote)
    if (at < 0) return null
    ;[start, end] = [at, at + quote.length]
  }
  if (end <= start || end > text.length) return null
  const from = pointAt(spans, start, 'start')
  const to = pointAt(spans, end, 'end')
  if (!from || !to) return null
  const range = document.createRange()
  range.setStart(from[0], from[1])
  range.setEnd(to[0], to[1])
  return range
}

function closestCell(node: Node): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node.parentElement
  return element?.closest<HTMLElement>(CELL_SELECTOR) ?? null
}

/** The offset of a DOM point in the joined text; a point between sentences counts as the next one's start (or the previous one's end). */
function offsetOf(spans: HTMLElement[], node: Node, offset: number, edge: 'start' | 'end'): number {
  let base = 0
  for (const span of spans) {
    if (span.contains(node)) {
      const before = document.createRange()
      before.setStart(span, 0)
      before.setEnd(node, offset)
      return base + before.toString().length
    }
    base += (span.textContent ?? '').length + 1
  }
  const point = document.createRange()
  point.setStart(node, offset)
  base = 0
  for (const span of spans) {
    if (point.comparePoint(span, 0) > 0) return edge === 'start' ? base : Math.max(0, base - 1)
    base += (span.textContent ?? '').length + 1
  }
  return Math.max(0, base - 1)
}

/** The DOM point at an offset of the joined text, inside a sentence's text node; a start on a space begins the next sentence. */
function pointAt(spans: HTMLElement[], offset: number, edge: 'start' | 'end'): [Node, number] | null {
  let base = 0
  for (const span of spans) {
    const length = (span.textContent ?? '').length
    if (edge === 'start' ? offset < base + length : offset <= base + length) return pointInSpan(span, Math.max(0, offset - base), edge)
    base += length + 1
  }
  return null
}

/** The text node and offset at `offset` characters into a sentence, whose text may lie in several nodes (bold, links). */
function pointInSpan(span: HTMLElement, offset: number, edge: 'start' | 'end'): [Node, number] {
  const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT)
  let last: Text | null = null
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const length = node.data.length
    if (edge === 'start' ? offset < length : offset <= length) return [node, offset]
    offset -= length
    last = node
  }
  return last ? [last, last.data.length] : [span, 0]
}
