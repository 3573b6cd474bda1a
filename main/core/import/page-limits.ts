import { ApiError } from '../../api/errors'

/**
 * Readability's time grows steeply with how deeply a page nests its elements (1,000 levels: 7 s; 3,000: a stack
 * overflow), and real articles stay far below this depth.
 */
export const MAX_NESTING = 256

/**
 * The markup a page may hold once scripts, styles, comments and inline images are set aside: some 600,000 words,
 * far more than any article. Parsing takes some 40 times the markup in memory (19 MB of text: 724 MB and 8 s).
 */
const MAX_PAGE_MARKUP_BYTES = 4 * 1024 * 1024

/** Elements that hold no content, and those whose end tag a parser supplies itself (a new <p> closes the last). */
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd option tr td th thead tbody tfoot'.split(' '),
)
// `[^<>]` rather than `[^>]`: a tag is never searched past the next `<`, so a page of unclosed tags is read in linear time.
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*?(\/?)>/g

/** The deepest nesting of elements in `html`, read from its tags without building a document. */
export function nestingDepth(html: string): number {
  let depth = 0
  let deepest = 0
  for (const [, closing, name, selfClosing] of html.matchAll(TAG)) {
    if (NOT_NESTING.has(name!.toLowerCase()) || selfClosing) continue
    depth = closing ? Math.max(0, depth - 1) : depth + 1
    deepest = Math.max(deepest, depth)
  }
  return deepest
}

export function assertReasonableNesting(html: string, sourceName: string): void {
  const depth = nestingDepth(html)
  if (depth <= MAX_NESTING) return
  throw new ApiError('invalid_input', {
    messageCode: 'page_nested_too_deep',
    params: { file: sourceName, depth: String(depth), limit: String(MAX_NESTING) },
    message: `${sourceName} nests its elements ${depth} levels deep, more than the ${MAX_NESTING} a readable page needs; it was not imported.`,
  })
}

const UNREAD_PART = /<!--|<(script|style)\b([^<>]*)>/gi
const INLINE_DATA = /\bdata:[\w.+/-]+;base64,[\w+/=]+/g

/**
 * The page without what extraction never reads, so that a page saved whole (its scripts, styles and images inside
 * it) costs what its text costs: scripts but JSON-LD metadata, styles, comments, and base64 `data:` addresses.
 */
export function withoutUnreadParts(html: string): string {
  const kept: string[] = []
  let keptUpTo = 0
  for (const match of html.matchAll(UNREAD_PART)) {
    if (match.index < keptUpTo) continue
    const [opening, element, attributes = ''] = match
    if (element && /ld\+json/i.test(attributes)) continue
    kept.push(html.slice(keptUpTo, match.index))
    const end = element ? new RegExp(`</${element}\\s*>`, 'gi') : /-->/g
    end.lastIndex = match.index + opening.length
    // An element left open runs to the end of the page, as it does in a browser.
    keptUpTo = end.exec(html) ? end.lastIndex : html.length
  }
  kept.push(html.slice(keptUpTo))
  return kept.join('').replace(INLINE_DATA, 'data:,')
}

export function assertReadableSize(markup: string, sourceName: string): void {
  const bytes = Buffer.byteLength(markup)
  if (bytes <= MAX_PAGE_MARKUP_BYTES) return
  const megabytes = (size: number) => String(Math.ceil(size / (1024 * 1024)))
  throw new ApiError('invalid_input', {
    messageCode: 'page_too_large',
    params: { file: sourceName, size: megabytes(bytes), limit: megabytes(MAX_PAGE_MARKUP_BYTES) },
    message: `${sourceName} holds ${megabytes(bytes)} MB of text and markup, more than the ${megabytes(MAX_PAGE_MARKUP_BYTES)} MB an article needs; it was not imported.`,
  })
}
