import { ApiError } from '../../api/errors'
import { decodeHtml, decodeText } from './decode'
import { extractFromHtml } from './html'
import { countWords, type ExtractedArticle, extractFromText, titleFromText } from './importer'
import { assertReadableSize, assertReasonableNesting, withoutUnreadParts } from './page-limits'

/** Fewer words than this left after cleanup means a page of menus and buttons, not an article. */
const MIN_PAGE_WORDS = 5

/** A saved web page: the same checks as any file, then Readability and our cleanup. */
export function extractFromHtmlBytes(bytes: Uint8Array, sourceName: string, url: string | null): ExtractedArticle {
  const text = decodeText(bytes, sourceName, decodeHtml) // refuses empty, oversized and binary content with a message naming it
  // A page with no markup at all is plain text saved under an .html name.
  if (!/<[a-z!/]/i.test(text)) return { ...extractFromText(text, sourceName), url }
  const html = withoutUnreadParts(text)
  assertReadableSize(html, sourceName)
  assertReasonableNesting(html, sourceName)
  const page = extractFromHtml(html)
  if (countWords(page.paragraphs.join(' ')) < MIN_PAGE_WORDS) {
    throw new ApiError('invalid_input', `${sourceName}: no article text was found in this page.`)
  }
  return {
    title: page.title || titleFromText(page.paragraphs[0]!),
    publishedAt: page.publishedAt,
    source: page.siteName ?? (url ? new URL(url).hostname : null),
    byline: page.byline,
    url,
    paragraphs: page.blocks,
  }
}
