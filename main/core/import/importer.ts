import { createHash } from 'node:crypto'
import { extname } from 'node:path'

import { ApiError } from '../../api/errors'
import type { Article, ArticleSummary } from '../../api/shapes'
import { shortenAtWord, summaryOf } from '../library/summary'
import { printable } from '../printable'
import type { ArticleBlock } from './block-builder'
import { decodeText } from './decode'
import { type ParsedText, parsePlainText } from './plain-text'

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
export const IMPORTABLE_EXTENSIONS = [...TEXT_EXTENSIONS, ...MARKDOWN_EXTENSIONS, ...HTML_EXTENSIONS].filter(Boolean)

/** Reads an imported file into an article, choosing the reader by the file's extension. */
export function extractFromFile(fileName: string, bytes: Uint8Array): ExtractedArticle | Promise<ExtractedArticle> {
  if (isHtmlFile(fileName)) return import('./html-page').then(({ extractFromHtmlBytes }) => extractFromHtmlBytes(bytes, fileName, null))
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
  const title = article.title || titleFromText(first.text)
  return { ...article, title, source: null }
}

/** A text of one paragraph has no separate title line: keep it as the body and title it by its first words. */
function withBody(parsed: ParsedText): ParsedText {
  if (parsed.paragraphs.length > 0 || parsed.title === '') return parsed
  return { ...parsed, title: titleFromText(parsed.title), paragraphs: [parsed.title] }
}

const TITLE_LENGTH = 80

/** A title for an article that has none: its first words, cut at a word boundary with an ellipsis where they run on. */
export const titleFromText = (text: string) => shortenAtWord(text, TITLE_LENGTH)

/** An article's id derives from its normalised body text, so importing the same article again finds it. */
export function articleIdFor(paragraphs: string[]): string {
  const normalised = paragraphs.join('\n').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
  return createHash('sha256').update(normalised).digest('hex').slice(0, 16)
}

export function buildArticle(
  extracted: ExtractedArticle,
  addedAt: Date,
  detectLanguage: LanguageDetector,
): { article: Article; summary: ArticleSummary } {
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

export type LanguageDetector = (text: string) => string

/**
 * The language detector comes apart, so that it can load while a page is read in the worker. tinyld's light profile
 * loads in a fifth of the full one's 0.3 s and told the same language for all 89 French, English and other texts
 * we tried (the references, our docs, sample sentences); it knows fewer rare languages, which only name what an
 * article that is not French is written in.
 */
export async function loadLanguageDetector(): Promise<LanguageDetector> {
  const { detect } = await import('tinyld/light')
  return (text) => detect(text.slice(0, 5000)) || 'und'
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}
