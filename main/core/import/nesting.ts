import { ApiError } from '../../api/errors'

/**
 * Readability's time grows steeply with how deeply a page nests its elements (1,000 levels: 7 s; 3,000: a stack
 * overflow), and real articles stay far below this depth.
 */
export const MAX_NESTING = 256

/** Elements that hold no content, and those whose end tag a parser supplies itself (a new <p> closes the last). */
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd option tr td th thead tbody tfoot'.split(' '),
)
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g

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
