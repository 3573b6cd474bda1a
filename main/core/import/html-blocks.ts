import type { BlockKind, InlineMark, MarkKind, Paragraph } from '../../api/contract'
import { collapseSpaces } from '../spaces'
import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom'

/** A block of the article as the importer hands it on: its text with its kind, level and inline marks. */
export type ArticleBlock = Omit<Paragraph, 'id'>

/** What a block is on the page: the article's kinds (a question is told apart later), and table cells. */
type PageBlockKind = Exclude<BlockKind, 'question'> | 'cell'

interface BlockContext {
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

const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'button',
  'input',
  'select',
  'option',
  'textarea',
  'iframe',
  'object',
  'embed',
  'form',
  'nav',
  'label',
  'menu',
  'dialog',
  'video',
  'audio',
  'picture',
  'img',
])

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'address',
  'hr',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hgroup',
  'details',
  'summary',
  'center',
  'fieldset',
  'legend',
])

const MARK_TAGS: Record<string, MarkKind> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', cite: 'italic', a: 'link' }

function contextOf(tag: string, inherited: BlockContext): BlockContext {
  const heading = /^h([1-6])$/.exec(tag)
  if (heading) return { kind: 'heading', level: Number(heading[1]) }
  if (inherited.kind === 'quote' || inherited.kind === 'caption') return inherited
  if (tag === 'li' || tag === 'dt' || tag === 'dd') return { kind: 'item' }
  if (tag === 'blockquote') return { kind: 'quote' }
  if (tag === 'figcaption' || tag === 'caption') return { kind: 'caption' }
  if (tag === 'td' || tag === 'th') return { kind: 'cell' }
  if (tag === 'p' || tag === 'pre') return inherited.kind === 'item' ? inherited : { kind: 'paragraph' }
  return inherited
}

interface OpenMark {
  kind: MarkKind
  href?: string
  start: number
}

/** Gathers text into blocks, collapsing whitespace as it comes, with the marks open over it. */
class BlockBuilder {
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
    const same = merged.find((m) => m.kind === mark.kind && m.href === mark.href && mark.start <= m.end)
    if (same) same.end = Math.max(same.end, mark.end)
    else merged.push({ ...mark })
  }
  return merged
}

/** An address a reader may follow: absolute http(s) only (a relative link in a saved page leads nowhere). */
function linkAddress(element: DomElement): string | undefined {
  const href = element.getAttribute('href')?.trim() ?? ''
  return /^https?:\/\/[^\s]+$/i.test(href) ? href : undefined
}

/**
 * Walks the article and cuts its text into blocks at every block-level element, so that headings, list items and
 * quotes stay paragraphs of their own, while inline markup (links, emphasis) stays inside its sentence as marks.
 */
export function collectBlocks(root: DomElement): PageBlock[] {
  const builder = new BlockBuilder()
  const totalText = (root.textContent ?? '').length

  const walk = (node: DomNode, inLink: boolean, context: BlockContext) => {
    if (node.nodeType === TEXT_NODE) {
      builder.append(node.textContent ?? '', context, inLink)
      return
    }
    if (node.nodeType !== ELEMENT_NODE) return
    const element = node as DomElement
    const tag = element.localName
    if (SKIPPED_TAGS.has(tag) || isHidden(element) || isBoilerplateContainer(element, totalText)) return
    if (builder.atBlockStart && isKicker(element)) return
    const isBlock = BLOCK_TAGS.has(tag)
    if (isBlock) builder.flush()
    const markKind = MARK_TAGS[tag]
    const mark = markKind && builder.openMark(markKind, markKind === 'link' ? linkAddress(element) : undefined)
    const childContext = contextOf(tag, context)
    const children = element.childNodes
    for (let i = 0; i < children.length; i++) walk(children[i]!, inLink || tag === 'a', childContext)
    if (mark) builder.closeMark(mark)
    if (isBlock) builder.flush()
  }

  walk(root, false, { kind: 'paragraph' })
  builder.flush()
  return builder.blocks
}

function isHidden(element: DomElement): boolean {
  if (element.getAttribute('hidden') !== null) return true
  if (element.getAttribute('aria-hidden') === 'true') return true
  const style = element.getAttribute('style')
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)
}

/** The words of an element's class, id and role, split at spaces, underscores and hyphens ("c-share__bar"). */
function nameWords(element: DomElement): string[] {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''} ${element.getAttribute('role') ?? ''}`
  if (names.trim() === '') return []
  return names
    .toLowerCase()
    .split(/\s+/)
    .flatMap((name) => [name, ...name.split(/[-_]+/)])
    .filter(Boolean)
}

/** Class, id and role words that mark the furniture around an article rather than the article. */
const BOILERPLATE_WORD =
  /^(?:share|sharing|sharebar|sharer|social|socials|newsletters?|cookies?|consent|gdpr|comments?|commentaires?|commentlist|disqus|reactions?|related|outbrain|taboola|paywall|subscribe|subscription|abonnement|sponsor(?:ed)?|advert(?:isement)?|ads?|pub|publicite|breadcrumbs?|readalso|lireaussi|seealso|mostread|popular|recommendations?|promo|partage|partager|signup|print|credits?|copyright)$/
const BOILERPLATE_STEM = /^(?:share|social|comment(?!ary)|newsletter|cookie|disqus|outbrain|taboola)/

function isBoilerplateContainer(element: DomElement, totalText: number): boolean {
  const words = nameWords(element)
  if (!words.some((word) => BOILERPLATE_WORD.test(word) || BOILERPLATE_STEM.test(word))) return false
  // A wrapper around most of the article that happens to carry such a class stays.
  return (element.textContent ?? '').length < totalText * 0.5
}

/** Class words of the short label set before a headline or a lead ("Analyse", "Exclusif", "Tribune"). */
const KICKER_WORD = /^(?:slug|kicker|surtitre|surtitle|overline|eyebrow|rubrique|rubric)$/

function isKicker(element: DomElement): boolean {
  return nameWords(element).some((word) => KICKER_WORD.test(word)) && clean(element.textContent ?? '').length <= 40
}

/** Soft hyphens, zero-width spaces and stray BOMs have no business in the text; the raw page loses them before parsing. */
export function stripInvisible(text: string): string {
  return text.replace(/[\u00ad\u200b\u2060\ufeff]/g, '')
}

export function clean(text: string): string {
  return collapseSpaces(stripInvisible(text)).trim()
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
  const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char)
  const first = text.search(/[\p{L}\p{N}]/u)
  let last = text.length
  while (last > 0 && !isWordChar(text[last - 1])) last--
  return first >= 0 && mark.start <= first && mark.end >= last
}
