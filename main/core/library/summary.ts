import type { Article, ArticleSummary, Paragraph } from '../../api/contract'
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
  if (!first) return undefined
  if (first.length <= EXCERPT_MAX_CHARS) return first
  const cut = first.slice(0, EXCERPT_MAX_CHARS)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_MAX_CHARS / 2)).trimEnd()}…`
}
