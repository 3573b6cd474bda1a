import type { TextAnchor } from '../../api/shapes'

/** The text around a quote kept with it, so it can be found again after the paragraph changes. */
const CONTEXT_LENGTH = 32

export interface QuoteSelector {
  paragraphId: string
  start: number
  end: number
  quote: string
  prefix: string
  suffix: string
}

/** A selector for `text.slice(start, end)` in a paragraph, in the style of W3C Web Annotation selectors. */
export function selectorFor(paragraphId: string, text: string, start: number, end: number): QuoteSelector {
  return {
    paragraphId,
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  }
}

/**
 * Finds a selector's text again: where it was if the text there is unchanged; else the occurrence of its quote
 * whose surroundings match best, in its own paragraph first, then in the nearest paragraph holding it.
 * Null when the quote is nowhere: the annotation is orphaned (kept, shown with its quote, never dropped).
 */
export function anchor(selector: QuoteSelector, paragraphs: { id: string; text: string }[]): TextAnchor | null {
  const home = paragraphs.findIndex((p) => p.id === selector.paragraphId)
  const own = paragraphs[home]
  if (own && own.text.slice(selector.start, selector.end) === selector.quote) {
    return { paragraphId: own.id, start: selector.start, end: selector.end }
  }
  const byDistance = paragraphs
    .map((paragraph, index) => ({ paragraph, distance: home < 0 ? index : Math.abs(index - home) }))
    .sort((a, b) => a.distance - b.distance)
  for (const { paragraph } of byDistance) {
    const start = bestOccurrence(paragraph.text, selector)
    if (start !== null) return { paragraphId: paragraph.id, start, end: start + selector.quote.length }
  }
  return null
}

function bestOccurrence(text: string, { quote, prefix, suffix, start: oldStart }: QuoteSelector): number | null {
  if (!quote) return null
  let best: { at: number; score: number } | null = null
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const score =
      commonSuffix(text.slice(0, at), prefix) + commonPrefix(text.slice(at + quote.length), suffix) - Math.abs(at - oldStart) / 1000
    if (!best || score > best.score) best = { at, score }
  }
  return best?.at ?? null
}

function commonPrefix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

function commonSuffix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}
