import { createHash } from 'node:crypto'
import { extname } from 'node:path'
import { detect } from 'tinyld'
import type { Article, ArticleSummary } from '../../api/contract'
import { ApiError } from '../../api/errors'
import { decodeText } from './decode'
import { parsePlainText, type ParsedText } from './plain-text'

export interface ExtractedArticle {
  title: string
  publishedAt: string | null
  source: string | null
  paragraphs: string[]
}

const TEXT_EXTENSIONS = new Set(['', '.txt', '.text', '.md', '.markdown'])

/** Reads an imported file into an article, choosing the reader by the file's extension. */
export function extractFromFile(fileName: string, bytes: Uint8Array): ExtractedArticle {
  const extension = extname(fileName).toLowerCase()
  if (!TEXT_EXTENSIONS.has(extension)) {
    throw new ApiError('invalid_input', `${fileName}: only .txt and .md files can be imported for now.`)
  }
  return extractFromText(decodeText(bytes, fileName), fileName)
}

export function extractFromText(text: string, sourceName: string): ExtractedArticle {
  const parsed = withBody(parsePlainText(text))
  if (parsed.paragraphs.length === 0) throw new ApiError('invalid_input', `${sourceName} holds no article text.`)
  return { ...parsed, source: null }
}

/** A text of one paragraph has no separate title line: keep it as the body and title it by its first words. */
function withBody(parsed: ParsedText): ParsedText {
  if (parsed.paragraphs.length > 0 || parsed.title === '') return parsed
  const words = parsed.title.split(' ')
  const title = words.length > 10 ? `${words.slice(0, 10).join(' ')}…` : parsed.title
  return { ...parsed, title, paragraphs: [parsed.title] }
}

/** An article's id derives from its normalised body text, so importing the same article again finds it. */
export function articleIdFor(paragraphs: string[]): string {
  const normalised = paragraphs.join('\n').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
  return createHash('sha256').update(normalised).digest('hex').slice(0, 16)
}

export function buildArticle(extracted: ExtractedArticle, addedAt: Date): { article: Article; summary: ArticleSummary } {
  const body = extracted.paragraphs.join('\n')
  const article: Article = {
    id: articleIdFor(extracted.paragraphs),
    title: extracted.title,
    lang: detectLanguage(`${extracted.title}\n${body}`),
    publishedAt: extracted.publishedAt,
    source: extracted.source,
    addedAt: addedAt.toISOString(),
    wordCount: countWords(body),
    paragraphCount: extracted.paragraphs.length,
    paragraphs: extracted.paragraphs.map((text, i) => ({ id: `p${i + 1}`, text })),
  }
  const { paragraphs: _paragraphs, ...metadata } = article
  return { article, summary: { ...metadata, tags: [], progress: 0 } }
}

function detectLanguage(text: string): string {
  return detect(text.slice(0, 5000)) || 'und'
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}
