import { createHash } from 'node:crypto'
import { extname } from 'node:path'
import { detect } from 'tinyld'
import type { Article, ArticleSummary } from '../../api/contract'
import { ApiError } from '../../api/errors'
import { summaryOf } from '../library/summary'
import { printable } from '../printable'
import { decodeText } from './decode'
import { decodeHtml, extractFromHtml } from './html'
import type { ArticleBlock } from './block-builder'
import { assertReadableSize, assertReasonableNesting, withoutUnreadParts } from './page-limits'
import { parsePlainText, type ParsedText } from './plain-text'

export interface ExtractedArticle {
  title: string
  publishedAt: string | null
  source: string | null
  byline: string | null
  url: string | null
  paragraphs: ArticleBlock[]
}

const TEXT_EXTENSIONS = new Set(['', '.txt', '.text'])
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown'])
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml'])

export function isHtmlFile(fileName: string): boolean {
  return HTML_EXTENSIONS.has(extname(fileName).toLowerCase())
}
/** Fewer words than this left after cleanup means a page of menus and buttons, not an article. */
const MIN_PAGE_WORDS = 5
export const IMPORTABLE_EXTENSIONS = [...TEXT_EXTENSIONS, ...MARKDOWN_EXTENSIONS, ...HTML_EXTENSIONS].filter(Boolean)

/** Reads an imported file into an article, choosing the reader by the file's extension. */
export function extractFromFile(fileName: string, bytes: Uint8Array): ExtractedArticle | Promise<ExtractedArticle> {
  if (isHtmlFile(fileName)) return extractFromHtmlBytes(bytes, fileName, null)
  const extension = extname(fileName).toLowerCase()
  if (MARKDOWN_EXTENSIONS.has(extension)) return extractFromMarkdownText(decodeText(bytes, fileName), fileName)
  if (TEXT_EXTENSIONS.has(extension)) return extractFromText(decodeText(bytes, fileName), fileName)
  throw new ApiError('invalid_input', `${fileName}: only .txt, .md and .html files can be imported.`)
}

export function extractFromText(text: string, sourceName: string): ExtractedArticle {
  const parsed = withBody(parsePlainText(text))
  if (parsed.paragraphs.length === 0) throw new ApiError('invalid_input', `${sourceName} holds no article text.`)
  return { ...parsed, paragraphs: parsed.paragraphs.map((paragraph) => ({ text: paragraph })), source: null, byline: null, url: null }
}

/**
 * A Markdown file: its structure kept; titled by its front matter or first heading, else by its first words. The
 * Markdown reader (and its parser) loads when the first such file comes, not with every command of the CLI.
 */
export async function extractFromMarkdownText(text: string, sourceName: string): Promise<ExtractedArticle> {
  const { extractFromMarkdown } = await import('./markdown')
  const article = extractFromMarkdown(text)
  const [first] = article.paragraphs
  if (!first) throw new ApiError('invalid_input', `${sourceName} holds no article text.`)
  const title = article.title || firstWords(first.text)
  return { ...article, title, source: null }
}

/** A saved web page: the same checks as any file, then Readability and our cleanup. */
export function extractFromHtmlBytes(bytes: Uint8Array, sourceName: string, url: string | null): ExtractedArticle {
  const text = decodeText(bytes, sourceName) // refuses empty, oversized and binary content with a message naming it
  // A page with no markup at all is plain text saved under an .html name.
  if (!/<[a-z!/]/i.test(text)) return { ...extractFromText(text, sourceName), url }
  const html = withoutUnreadParts(decodeHtml(bytes))
  assertReadableSize(html, sourceName)
  assertReasonableNesting(html, sourceName)
  const page = extractFromHtml(html)
  if (countWords(page.paragraphs.join(' ')) < MIN_PAGE_WORDS) {
    throw new ApiError('invalid_input', `${sourceName}: no article text was found in this page.`)
  }
  return {
    title: page.title || page.paragraphs[0]!.slice(0, 80),
    publishedAt: page.publishedAt,
    source: page.siteName ?? (url ? new URL(url).hostname : null),
    byline: page.byline,
    url,
    paragraphs: page.blocks,
  }
}

/** A text of one paragraph has no separate title line: keep it as the body and title it by its first words. */
function withBody(parsed: ParsedText): ParsedText {
  if (parsed.paragraphs.length > 0 || parsed.title === '') return parsed
  return { ...parsed, title: firstWords(parsed.title), paragraphs: [parsed.title] }
}

/** A title from a text's first ten words. */
function firstWords(text: string): string {
  const words = text.split(' ')
  return words.length > 10 ? `${words.slice(0, 10).join(' ')}…` : text
}

/** An article's id derives from its normalised body text, so importing the same article again finds it. */
export function articleIdFor(paragraphs: string[]): string {
  const normalised = paragraphs.join('\n').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
  return createHash('sha256').update(normalised).digest('hex').slice(0, 16)
}

export function buildArticle(extracted: ExtractedArticle, addedAt: Date): { article: Article; summary: ArticleSummary } {
  const texts = extracted.paragraphs.map((block) => block.text)
  const body = texts.join('\n')
  const article: Article = {
    id: articleIdFor(texts),
    title: printable(extracted.title),
    lang: detectLanguage(`${extracted.title}\n${body}`),
    publishedAt: extracted.publishedAt,
    source: extracted.source && printable(extracted.source),
    byline: extracted.byline && printable(extracted.byline),
    url: extracted.url,
    addedAt: addedAt.toISOString(),
    wordCount: countWords(body),
    paragraphCount: extracted.paragraphs.length,
    paragraphs: extracted.paragraphs.map((block, i) => ({ id: `p${i + 1}`, ...block })),
  }
  return { article, summary: summaryOf(article) }
}

function detectLanguage(text: string): string {
  return detect(text.slice(0, 5000)) || 'und'
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}
