import type { MarkKind } from '../../api/shapes'
import { BlockBuilder, type BlockContext, clean, followableAddress, type PageBlock } from './block-builder'
import { type DomElement, type DomNode, ELEMENT_NODE, TEXT_NODE } from './dom'

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
    const footnote = builder.atBlockStart ? null : footnoteMarker(element, builder.textBefore)
    if (footnote !== null) {
      builder.addFootnote(footnote)
      return
    }
    const isBlock = BLOCK_TAGS.has(tag)
    if (isBlock) builder.flush()
    const markKind = MARK_TAGS[tag]
    const mark = markKind && builder.openMark(markKind, markKind === 'link' ? followableAddress(element.getAttribute('href')) : undefined)
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

/** A reference to a note: digits or asterisks, in brackets or not ("1", "[12]", "*", "†"). */
const FOOTNOTE_LABEL = /^[[(]?(\d{1,3}|[*†‡]{1,3})[\])]?$/
/** Class or id words of a note reference ("footnote-ref", "fnref", "note-12", "renvoi"). */
const FOOTNOTE_WORD = /^(?:footnotes?|fn|fnref|note|notes|noteref|renvoi|appel)$/
/** A unit just before a superscript digit makes it an exponent: "m²" written m<sup>2</sup>, 10<sup>6</sup>. */
const EXPONENT_BASE = /(?:\d|(?<!\p{L})(?:[kcmdnµ]?m|ha|ft|in|s|kg|g))$/u

/**
 * The marker, when the element is a reference to a footnote: a superscript or in-page link holding only a number or
 * an asterisk. A French ordinal (XIX<sup>e</sup>, 1<sup>er</sup>) and an exponent stay part of the text.
 */
function footnoteMarker(element: DomElement, textBefore: string): string | null {
  const tag = element.localName
  if (tag !== 'sup' && tag !== 'a') return null
  const label = FOOTNOTE_LABEL.exec(clean(element.textContent ?? ''))?.[1]
  if (!label) return null
  const marked = [element, tag === 'a' ? null : element.querySelector('a')].some(
    (el) => el && (el.getAttribute('href')?.startsWith('#') || nameWords(el).some((word) => FOOTNOTE_WORD.test(word))),
  )
  if (marked) return label
  return tag === 'sup' && !EXPONENT_BASE.test(textBefore) ? label : null
}
