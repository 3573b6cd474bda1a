import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'

import { type ArticleBlock, clean, stripInvisible } from './block-builder'
import { toIsoDate } from './dates'
import type { DomDocument, DomElement } from './dom'
import { collectBlocks } from './html-blocks'
import { cleanBlocks } from './page-cleanup'
import { chooseByline, chooseTitle, readMetadata } from './page-metadata'

export interface HtmlExtraction {
  title: string
  byline: string | null
  siteName: string | null
  /** ISO 8601 */
  publishedAt: string | null
  declaredLang: string | null
  /** The article's blocks, in reading order. */
  blocks: ArticleBlock[]
  /** The blocks' texts. */
  paragraphs: string[]
}

/** linkedom builds no <html> element for markup that lacks one (its root is then some other element, or none): such a fragment goes into a page. */
function parseDocument(html: string): DomDocument {
  const parse = (markup: string) => (parseHTML(markup) as unknown as { document: DomDocument }).document
  const doc = parse(html)
  const root = doc.documentElement as { tagName?: string } | null
  return root?.tagName?.toUpperCase() === 'HTML' ? doc : parse(`<!doctype html><html><head></head><body>${html}</body></html>`)
}

/**
 * Extracts an article from a saved web page: Mozilla's Readability (over linkedom) finds the article, then our own
 * pass splits it into paragraphs by block elements and drops what readers never want to read side by side: share
 * bars, "Lire aussi" lines, newsletter and cookie notices, comment sections, photo credits and captions, repeats of
 * the title. Metadata comes from the page's own declarations (JSON-LD, Open Graph, <time>, <html lang>).
 */
export function extractFromHtml(html: string): HtmlExtraction {
  const doc = parseDocument(stripInvisible(html))
  const meta = readMetadata(doc)

  const reader = new Readability<DomElement>(doc as never, {
    keepClasses: true,
    serializer: (node) => node as unknown as DomElement,
  })
  const article = reader.parse()
  const root = article?.content ?? doc.body

  const title = chooseTitle(article?.title ?? '', doc, meta)
  const byline = chooseByline(article?.byline ?? null, meta)
  const body = cleanBlocks(root ? collectBlocks(root) : [], title, byline, meta)
  const siteName = clean(meta.siteName ?? article?.siteName ?? '') || null
  const publishedAt = meta.publishedAt ?? (article?.publishedTime ? toIsoDate(article.publishedTime) : null) ?? body.dateFromText

  return {
    title,
    byline,
    siteName,
    publishedAt,
    declaredLang: meta.declaredLang ?? (article?.lang ? article.lang.trim() || null : null),
    blocks: body.blocks,
    paragraphs: body.blocks.map((block) => block.text),
  }
}
