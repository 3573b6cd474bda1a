import { decodeHTML } from 'entities'
import { Lexer, type Token, type Tokens } from 'marked'
import { parse as parseYaml } from 'yaml'

import type { MarkKind } from '../../api/shapes'
import { type ArticleBlock, articleBlockOf, BlockBuilder, type BlockContext, clean, followableAddress } from './block-builder'
import { toIsoDate } from './dates'

export interface MarkdownArticle {
  /** From the front matter's `title`, else the first level-1 heading; empty when there is neither. */
  title: string
  publishedAt: string | null
  byline: string | null
  url: string | null
  paragraphs: ArticleBlock[]
}

/**
 * Reads a Markdown article with a CommonMark parser (marked): the front matter's title, date, author and address;
 * headings, list items and quotations as blocks of those kinds; bold, italic and http(s) links as marks. Code gives
 * its text, an image its description, HTML nothing.
 */
export function extractFromMarkdown(markdown: string): MarkdownArticle {
  const { meta, body } = frontMatter(markdown)
  const builder = new BlockBuilder()
  let title = metaText(meta.title)
  for (const token of new Lexer().lex(body)) {
    if (!title && token.type === 'heading' && (token as Tokens.Heading).depth === 1) title = clean(inlineText(token))
    else addBlock(builder, token, { kind: 'paragraph' })
  }
  builder.flush()
  return {
    title,
    publishedAt: toIsoDate(metaText(meta.date)),
    byline: metaText(meta.author) || null,
    url: followableAddress(metaText(meta.url) || metaText(meta.source)) ?? null,
    paragraphs: builder.blocks.map(articleBlockOf),
  }
}

function frontMatter(markdown: string): { meta: Record<string, unknown>; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n?/.exec(markdown)
  if (!match) return { meta: {}, body: markdown }
  try {
    const meta: unknown = parseYaml(match[1]!)
    return { meta: meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {}, body: markdown.slice(match[0].length) }
  } catch {
    return { meta: {}, body: markdown } // not front matter after all: a rule under a first line
  }
}

function metaText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return typeof value === 'string' || typeof value === 'number' ? clean(String(value)) : ''
}

function addBlock(builder: BlockBuilder, token: Token, context: BlockContext): void {
  switch (token.type) {
    case 'heading':
      return addInline(builder, token, { kind: 'heading', level: (token as Tokens.Heading).depth })
    case 'paragraph':
    case 'text':
      return addInline(builder, token, context)
    case 'blockquote':
      return addChildren(builder, (token as Tokens.Blockquote).tokens, { kind: 'quote' })
    case 'list':
      for (const item of (token as Tokens.List).items) addChildren(builder, item.tokens, { kind: 'item' })
      return
    case 'code':
      return addText(builder, (token as Tokens.Code).text, context)
    case 'table':
      for (const row of [(token as Tokens.Table).header, ...(token as Tokens.Table).rows])
        for (const cell of row) addInline(builder, cell, { kind: 'cell' })
      return
  }
}

function addChildren(builder: BlockBuilder, tokens: Token[], context: BlockContext): void {
  builder.flush()
  for (const token of tokens) addBlock(builder, token, context)
  builder.flush()
}

function addText(builder: BlockBuilder, text: string, context: BlockContext): void {
  builder.flush()
  builder.append(text, context, false)
  builder.flush()
}

function addInline(builder: BlockBuilder, token: { tokens?: Token[]; text?: string }, context: BlockContext): void {
  builder.flush()
  walkInline(builder, token.tokens ?? [], context, false)
  builder.flush()
}

const MARKS: Partial<Record<string, MarkKind>> = { strong: 'bold', em: 'italic', link: 'link' }

function walkInline(builder: BlockBuilder, tokens: Token[], context: BlockContext, inLink: boolean): void {
  for (const token of tokens) {
    const kind = MARKS[token.type]
    if (token.type === 'html') continue
    if (token.type === 'image')
      builder.append(decodeHTML((token as Tokens.Image).text), context, inLink) // its description
    else if (kind) {
      const mark = builder.openMark(kind, kind === 'link' ? followableAddress((token as Tokens.Link).href) : undefined)
      walkInline(builder, (token as Tokens.Strong).tokens ?? [], context, inLink || kind === 'link')
      builder.closeMark(mark)
    } else if ('tokens' in token && token.tokens) walkInline(builder, token.tokens, context, inLink)
    else if (token.type === 'br') builder.append(' ', context, inLink)
    else if ('text' in token) builder.append(decodeHTML(String(token.text)), context, inLink)
  }
}

function inlineText(token: Token): string {
  return 'tokens' in token && token.tokens ? token.tokens.map(inlineText).join('') : 'text' in token ? decodeHTML(String(token.text)) : ''
}
