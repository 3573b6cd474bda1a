import type { BlockKind, InlineMark, MarkKind, Paragraph } from '../../api/shapes'
import { wordSpan } from '../../api/word-span'
import { collapseSpaces } from '../spaces'

/*
 * What every reader of a document (a web page, Markdown) builds an article's blocks with: text gathered into blocks
 * with its white space collapsed as it comes, and the inline marks open over it.
 */

/** A block of the article as the importer hands it on: its text with its kind, level and inline marks. */
export type ArticleBlock = Omit<Paragraph, 'id'>

/** What a block is on the page: the article's kinds (a question is told apart later), and table cells. */
type PageBlockKind = Exclude<BlockKind, 'question'> | 'cell'

export interface BlockContext {
  kind: PageBlockKind
  /** A heading's level as the page set it, 1 to 6. */
  level?: number
}

export interface PageBlock extends BlockContext {
  /** White space collapsed (no-break spaces kept, see collapseSpaces), trimmed: the offsets of `marks` count in it. */
  text: string
  /** Characters of the block that sit inside links. */
  linkText: number
  marks: InlineMark[]
}

interface OpenMark {
  kind: MarkKind
  href?: string
  start: number
}

/** Gathers text into blocks, collapsing whitespace as it comes, with the marks open over it. */
export class BlockBuilder {
  readonly blocks: PageBlock[] = []
  private text = ''
  private linkText = 0
  private context: BlockContext = { kind: 'paragraph' }
  private marks: InlineMark[] = []
  private readonly open = new Set<OpenMark>()

  /** No text yet in the block being gathered. */
  get atBlockStart(): boolean {
    return this.text === ''
  }

  append(data: string, context: BlockContext, inLink: boolean): void {
    // The text ends with at most one space; it joins the new text's own, one character for one, so marks hold.
    const kept = this.text.replace(/\s$/, '')
    let piece = collapseSpaces(this.text.slice(kept.length) + stripInvisible(data))
    if (kept === '') piece = piece.replace(/^\s/, '')
    if (piece === '') return
    if (this.text === '') this.context = context
    this.text = kept + piece
    if (inLink) this.linkText += piece.trim().length
  }

  /** The last characters gathered in the block, to judge what follows them. */
  get textBefore(): string {
    return this.text.slice(-12).trimEnd()
  }

  /** A footnote's marker, kept out of the text: a mark at the point it follows (before a space gathered after it). */
  addFootnote(label: string): void {
    const at = this.text.trimEnd().length
    this.marks.push({ kind: 'footnote', start: at, end: at, label })
  }

  openMark(kind: MarkKind, href: string | undefined): OpenMark {
    const mark = { kind, href, start: this.text.length }
    this.open.add(mark)
    return mark
  }

  closeMark(mark: OpenMark): void {
    this.open.delete(mark)
    this.addMark(mark, this.text.length)
  }

  /** Ends the block; marks still open go on in the next one. */
  flush(): void {
    for (const mark of this.open) {
      this.addMark(mark, this.text.length)
      mark.start = 0
    }
    const text = this.text.trimEnd()
    if (text !== '') this.blocks.push({ ...this.context, text, linkText: this.linkText, marks: normaliseMarks(this.marks) })
    this.text = ''
    this.linkText = 0
    this.marks = []
  }

  private addMark({ kind, href, start }: OpenMark, end: number): void {
    while (start < end && /\s/.test(this.text[start]!)) start++
    while (end > start && /\s/.test(this.text[end - 1]!)) end--
    if (kind === 'link' && !href) return
    if (end > start) this.marks.push({ kind, start, end, ...(href && { href }) })
  }
}

/** In order, and one mark where nested or touching tags of one kind gave several (`<b><strong>…`). */
function normaliseMarks(marks: InlineMark[]): InlineMark[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: InlineMark[] = []
  for (const mark of sorted) {
    const same = mark.kind !== 'footnote' && merged.find((m) => m.kind === mark.kind && m.href === mark.href && mark.start <= m.end)
    if (same) same.end = Math.max(same.end, mark.end)
    else merged.push({ ...mark })
  }
  return merged
}

/** An address a reader may follow: absolute http(s) only (a relative link in a saved file leads nowhere). */
export function followableAddress(href: string | null | undefined): string | undefined {
  const address = href?.trim() ?? ''
  return /^https?:\/\/[^\s]+$/i.test(address) ? address : undefined
}

/** Soft hyphens, zero-width spaces and stray BOMs have no business in the text; the raw page loses them before parsing. */
export function stripInvisible(text: string): string {
  return text.replace(/[\u00ad\u200b\u2060\ufeff]/g, '')
}

export function clean(text: string): string {
  return collapseSpaces(stripInvisible(text)).trim()
}

/** Text as two lines are compared to tell a repeat, a title or a name: lower case, punctuation and spaces as one space. */
export function comparable(text: string): string {
  return clean(text)
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim()
}

/**
 * A kept block as the article stores it: table cells read as paragraphs, headings from level 2 (the title is the
 * level-1 heading), and a paragraph set all in bold that asks something, not a link, is an interview's question. Bold over a
 * whole heading or question says nothing more and is dropped; a plain paragraph stores only its text.
 */
export function articleBlockOf({ kind, level, text, marks, linkText }: PageBlock): ArticleBlock {
  const stored = (blockKind: BlockKind, kept: InlineMark[], blockLevel?: number): ArticleBlock => ({
    text,
    ...(blockKind !== 'paragraph' && { kind: blockKind }),
    ...(blockLevel !== undefined && { level: blockLevel }),
    ...(kept.length > 0 && { marks: kept }),
  })
  const allBold = marks.find((mark) => mark.kind === 'bold' && coversWords(text, mark))
  const others = marks.filter((mark) => mark !== allBold)
  if (kind === 'heading') return stored('heading', others, Math.max(2, level ?? 2))
  const isLink = linkText > text.length / 2 // a bold "Lire : …?" pointing to another article asks nothing
  if (kind === 'paragraph' && allBold && !isLink && QUESTION_END.test(text)) return stored('question', others)
  return stored(kind === 'cell' ? 'paragraph' : kind, marks)
}

const QUESTION_END = /\?[\s»"”’)]*$/u

/** The mark spans the text from its first letter or digit to its last (punctuation and dashes around may lie outside). */
function coversWords(text: string, mark: InlineMark): boolean {
  const [first, last] = wordSpan(text)
  return first < last && mark.start <= first && mark.end >= last
}
