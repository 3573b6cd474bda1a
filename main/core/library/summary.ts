import type { Article, ArticleSummary, Paragraph } from '../../api/shapes'
import { splitSentences } from '../translation/sentences'

/** Two lines of the list at its widest, with room to spare: the index stays small at 10,000 articles. */
const EXCERPT_MAX_CHARS = 240

/** A new article's entry in the library index: unread, untagged, with its first sentence for the list. */
export function summaryOf({ paragraphs, ...metadata }: Article): ArticleSummary {
  const excerpt = excerptOf(paragraphs)
  return { ...metadata, ...(excerpt ? { excerpt } : {}), tags: [], progress: 0, position: null }
}

/** The body's first sentence (headings, captions and list items passed over), cut at a word past the limit. */
export function excerptOf(paragraphs: Paragraph[]): string | undefined {
  const body = paragraphs.find((paragraph) => (paragraph.kind ?? 'paragraph') === 'paragraph') ?? paragraphs[0]
  const first = body && splitSentences(body.text)[0]
  return first && shortenAtWord(first, EXCERPT_MAX_CHARS)
}

/** The text, or as much of it as fits in `maxChars` cut at a word boundary, with an ellipsis. */
export function shortenAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const cut = text.slice(0, maxChars).replace(/\s+\S*$/u, '')
  return `${cut.replace(/[\s\p{P}]+$/u, '')}…`
}
