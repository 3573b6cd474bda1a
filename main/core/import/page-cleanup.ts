import { type ArticleBlock, articleBlockOf, comparable, type PageBlock } from './block-builder'
import { dateNotice } from './dates'
import {
  CALL_TO_ACTION,
  CAPTION_CUT,
  COMMENTS_HEADING,
  CONSENT,
  COOKIES,
  CREDIT,
  EMBED_CREDIT,
  FORM_LINE,
  NEWSLETTER,
  READ_ALSO,
  READ_LINK,
  RELATED_LABEL,
  RELATED_TOPIC,
  SENTENCE_END,
  SIGN_UP,
} from './furniture-patterns'
import type { PageMetadata } from './page-metadata'
import { isBoilerplateLine } from './plain-text'

export interface CleanBody {
  blocks: ArticleBlock[]
  dateFromText: string | null
}

/**
 * Turns blocks into the article's paragraphs: drops furniture line by line, and ends the article where the page
 * plainly moves on to something else (comments, "most read" lists, the author's signature after the text).
 */
export function cleanBlocks(blocks: PageBlock[], title: string, byline: string | null, meta: PageMetadata): CleanBody {
  const titles = [title, meta.ogTitle ?? ''].map(comparable).filter((t) => t !== '')
  const bylines = [byline ?? '', ...meta.articleAuthors, ...meta.pageAuthors].map(comparable).filter((name) => name.length >= 4)
  const texts = blocks.map((block) => block.text)
  const totalChars = texts.reduce((sum, text) => sum + text.length, 0)
  const seen = new Set<string>()
  const kept: PageBlock[] = []
  let dateFromText: string | null = null
  let charsSoFar = 0

  for (const [index, block] of blocks.entries()) {
    const text = texts[index]!
    charsSoFar += text.length
    if (!/[\p{L}\p{N}]/u.test(text)) continue
    const folded = comparable(text)
    const short = text.length < 200
    const lateInPage = charsSoFar > totalChars * 0.5
    const linkShare = block.linkText / Math.max(1, text.replace(/\s/g, '').length)

    if (COMMENTS_HEADING.test(text)) break
    if (RELATED_LABEL.test(text) || RELATED_TOPIC.test(text)) {
      if (lateInPage) break
      continue
    }
    if (titles.includes(folded)) continue
    if (bylines.some((name) => folded === name || (folded.length < 80 && folded.replace(/^(?:par|by) /, '') === name))) {
      if (lateInPage) break
      continue
    }
    if (isBoilerplateLine(text)) continue
    const date = short ? dateNotice(text) : null
    if (date) {
      if (!/mis[e]? à jour|modifié|actualisé/i.test(text)) dateFromText ??= date
      continue
    }
    if (READ_ALSO.test(text) && (short || linkShare > 0.5)) continue
    if (READ_LINK.test(text) && linkShare > 0.5) continue
    if (short && linkShare > 0.8 && EMBED_CREDIT.test(text)) continue
    if (short && CALL_TO_ACTION.test(text)) continue
    if (text.length < 400 && NEWSLETTER.test(text) && SIGN_UP.test(text)) continue
    if (text.length < 400 && COOKIES.test(text) && CONSENT.test(text)) continue
    if (FORM_LINE.test(text)) continue
    const credited = block.kind === 'caption' ? withoutCredit(block) : short && CREDIT.test(text) ? null : block
    if (credited === null) continue
    if (linkShare > 0.9 && block.kind === 'item') continue
    if (seen.has(folded)) continue
    seen.add(folded)
    kept.push(credited)
  }

  // Headings and short labels left at the very end introduce nothing: a signature, "à propos de", a tag list.
  while (kept.length > 1) {
    const last = kept[kept.length - 1]!
    if (last.kind !== 'heading' && (last.text.length >= 60 || SENTENCE_END.test(last.text))) break
    kept.pop()
  }
  return { blocks: kept.map(articleBlockOf), dateFromText }
}

/** A caption without the credit that ends it, or null when there is nothing else to it. */
function withoutCredit(caption: PageBlock): PageBlock | null {
  if (!CREDIT.test(caption.text)) return caption
  const cuts = [...caption.text.matchAll(CAPTION_CUT)].map((match) => match.index).reverse()
  const at = cuts.find((cut) => CREDIT.test(caption.text.slice(cut)))
  const text = at === undefined ? '' : caption.text.slice(0, at).replace(/[\s\-–—|]+$/, '')
  if (text.split(' ').length < 2 || CREDIT.test(text)) return null
  const marks = caption.marks.filter((mark) => mark.start < text.length).map((mark) => ({ ...mark, end: Math.min(mark.end, text.length) }))
  return { ...caption, text, marks }
}
