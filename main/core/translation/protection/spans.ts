/**
 * Parts of a source sentence that an engine must not translate word by word: glossary entries, names, numbers and
 * dates. Each is a span of the source with the text the translation must show in its place. Engines that can carry a
 * span through untouched get it marked inline (see `markSpans`); the others get the replacement written in the text.
 */

export interface ProtectedSpan {
  start: number
  end: number
  replacement: string
  kind: 'glossary' | 'name' | 'number'
}

/** Whether `before` (the text of a sentence before some point) holds nothing but opening punctuation. */
export function atSentenceStart(before: string): boolean {
  return /^[\s«"“‘(—–-]*$/.test(before)
}

/** A text's first letter in capitals. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Inline marks around a protected replacement: private-use characters that no source text contains. */
export const SPAN_OPEN = '\uE000'
export const SPAN_CLOSE = '\uE001'
/** A marked span, as a regular expression's source: for patterns that must step over or keep marked spans. */
export const MARKED_SPAN = `${SPAN_OPEN}[^${SPAN_CLOSE}]*${SPAN_CLOSE}`
const MARKED = new RegExp(`${SPAN_OPEN}([^${SPAN_CLOSE}]*)${SPAN_CLOSE}`, 'g')

/** `text` marked as protected: the engine keeps it out of translation and writes it as it is. */
export function protect(text: string): string {
  return SPAN_OPEN + text + SPAN_CLOSE
}

/** Keeps the spans that do not overlap one accepted before them: earlier lists win, so pass them by priority. */
export function firstNonOverlapping(candidates: ProtectedSpan[]): ProtectedSpan[] {
  const accepted: ProtectedSpan[] = []
  for (const span of candidates) {
    if (span.end > span.start && accepted.every((other) => span.end <= other.start || span.start >= other.end)) accepted.push(span)
  }
  return accepted.sort((a, b) => a.start - b.start)
}

/** The sentence with each span replaced by its marked replacement. */
export function markSpans(sentence: string, spans: ProtectedSpan[]): string {
  return replaceSpans(sentence, spans, (span) => protect(span.replacement))
}

/** The sentence with each span replaced by its replacement, unmarked: for engines that cannot protect text. */
export function writeSpans(sentence: string, spans: ProtectedSpan[]): string {
  return replaceSpans(sentence, spans, (span) => span.replacement)
}

/** A marked sentence with its replacements written in plainly. */
export function unmark(marked: string): string {
  return marked.replace(MARKED, '$1')
}

/** The marked replacements of a sentence, in order. */
export function markedReplacements(marked: string): string[] {
  return [...marked.matchAll(MARKED)].map((match) => match[1]!)
}

function replaceSpans(sentence: string, spans: ProtectedSpan[], render: (span: ProtectedSpan) => string): string {
  let result = ''
  let at = 0
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    result += sentence.slice(at, span.start) + render(span)
    at = span.end
  }
  return result + sentence.slice(at)
}
