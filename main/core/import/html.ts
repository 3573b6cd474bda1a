import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { parseDateLine, toIsoDate } from './dates'
import type { DomDocument, DomElement } from './dom'
import { articleBlockOf, clean, stripInvisible, type ArticleBlock, type PageBlock } from './block-builder'
import { collectBlocks } from './html-blocks'
import { isBoilerplateLine } from './plain-text'

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

// ---------------------------------------------------------------------------------------------------------------
// Decoding

/**
 * Turns a saved page's bytes into text the way browsers do: a byte order mark wins, then a charset declared in the
 * first 4 KB (`<meta charset>`, `<meta http-equiv="Content-Type">`, an XML declaration). A page that declares
 * nothing is read as UTF-8 when it is valid UTF-8, else as Windows-1252 (the superset of ISO-8859-1 that French
 * pages saved on Windows use). A page that declares UTF-8 but is plainly not UTF-8 is read as Windows-1252 too.
 */
export function decodeHtml(bytes: Uint8Array): string {
  const [b0, b1, b2] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))

  const declared = declaredCharset(bytes)
  if (declared === 'windows-1252') return decodeWindows1252(bytes)
  if (declared !== null && declared !== 'utf-8') return new TextDecoder(declared).decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes)
    if (declared === 'utf-8' && mostlyValidUtf8(lenient)) return lenient
    return decodeWindows1252(bytes)
  }
}

/** Windows-1252's characters for bytes 0x80-0x9F (the five bytes it leaves undefined stay C1 controls). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

/**
 * Node 20.18.3 and later decode "windows-1252" (and the labels that mean it: latin1, iso-8859-1, ascii) as ISO-8859-1,
 * so œ, €, ’, “ ” and the other characters at 0x80-0x9F come out as C1 controls (nodejs/node#56542). Mapping C1
 * controls afterwards is right with a fixed decoder too: windows-1252 never yields them for the bytes it defines.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] ?? char)
}

/** The encoding a page declares in its first 4 KB, as a label TextDecoder accepts, or null. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096))
  const candidates: string[] = []
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta)
    if (direct?.[1]) candidates.push(direct[1])
  }
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)
  if (xml?.[1]) candidates.push(xml[1])
  for (const label of candidates) {
    const encoding = supportedEncoding(label)
    if (encoding !== null) return encoding
  }
  return null
}

function supportedEncoding(label: string): string | null {
  try {
    const encoding = new TextDecoder(label.trim().toLowerCase()).encoding
    // An ASCII-compatible <meta> that names UTF-16 cannot be right (the HTML standard reads such pages as UTF-8).
    if (encoding.startsWith('utf-16')) return 'utf-8'
    return encoding
  } catch {
    return null
  }
}

/** Declared UTF-8 with a few broken bytes stays UTF-8; text with more broken sequences than accented letters is not. */
function mostlyValidUtf8(text: string): boolean {
  const broken = text.match(/\ufffd/g)?.length ?? 0
  const accented = text.match(/[\u00c0-\u024f\u2018-\u201e\u20ac]/g)?.length ?? 0
  return broken <= accented
}

// ---------------------------------------------------------------------------------------------------------------
// Extraction

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

// ---------------------------------------------------------------------------------------------------------------
// Metadata

interface PageMetadata {
  ogTitle: string | null
  headings: string[]
  siteName: string | null
  siteNames: string[]
  /** Authors the article's own markup names (its JSON-LD, itemprop="author", rel="author", a byline element). */
  articleAuthors: string[]
  /** Authors the page's <meta> tags name: sometimes the site's editor rather than the writer. */
  pageAuthors: string[]
  publishedAt: string | null
  declaredLang: string | null
}

/** The elements metadata comes from, gathered in one walk over the page (linkedom's selectors each walk it again). */
interface MetadataElements {
  metas: DomElement[]
  h1s: DomElement[]
  authors: DomElement[]
  times: DomElement[]
  jsonLd: DomElement[]
  canonical: string | null
  /** Titles of the page's feeds (`<link rel="alternate" type="application/rss+xml" title="Le Site - À la une">`). */
  feedTitles: string[]
  /** Elements whose class names the author ("byline", "signature", "contributor"), in page order (the first 10). */
  bylines: DomElement[]
  /** Elements whose class or itemprop names the publication date, in page order (the first 30). */
  dated: DomElement[]
}

/** Class or itemprop words of the element showing when an article was published (not any date: comments have some). */
const PUBLISHED_NAME = /publi(?!ci)|pub-?date|date-?pub|article-?date|post-?date|entry-?date/i

const BYLINE_WORD = /^(?:byline|signature|contributors?|authors?|auteurs?)$/
const BYLINE_HINT = /byline|signature|contributor|author|auteur/i

function gatherMetadataElements(doc: DomDocument): MetadataElements {
  const found: MetadataElements = {
    metas: [],
    h1s: [],
    authors: [],
    times: [],
    jsonLd: [],
    canonical: null,
    feedTitles: [],
    bylines: [],
    dated: [],
  }
  const visit = (element: DomElement) => {
    const tag = element.localName
    if (tag === 'meta') found.metas.push(element)
    else if (tag === 'h1') found.h1s.push(element)
    else if (tag === 'time' && element.getAttribute('datetime')) found.times.push(element)
    else if (tag === 'script' || tag === 'style' || tag === 'svg' || tag === 'noscript' || tag === 'template') {
      if (tag === 'script' && element.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json') found.jsonLd.push(element)
      return
    } else if (tag === 'link') {
      const rel = element.getAttribute('rel')?.toLowerCase()
      if (rel === 'canonical') found.canonical ??= element.getAttribute('href')
      const feedTitle = element.getAttribute('title')
      if (rel === 'alternate' && /rss|atom/i.test(element.getAttribute('type') ?? '') && feedTitle) found.feedTitles.push(feedTitle)
    }
    if (tag === 'a' && /(?:^|\s)author(?:\s|$)/i.test(element.getAttribute('rel') ?? '')) found.authors.push(element)
    const itemprop = element.getAttribute('itemprop')
    if (itemprop !== null) {
      if (/(?:^|\s)author(?:\s|$)/i.test(itemprop)) found.authors.push(element)
      if (found.dated.length < 30 && tag !== 'meta' && tag !== 'time' && PUBLISHED_NAME.test(itemprop)) found.dated.push(element)
    }
    const className = element.getAttribute('class')
    if (className) {
      if (found.dated.length < 30 && PUBLISHED_NAME.test(className) && !found.dated.includes(element)) found.dated.push(element)
      if (found.bylines.length < 10 && BYLINE_HINT.test(className)) {
        const words = className.toLowerCase().split(/[\s_-]+/)
        if (words.some((word) => BYLINE_WORD.test(word)) && !words.some((word) => word.startsWith('comment'))) found.bylines.push(element)
      }
    }
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) visit(child)
  }
  if (doc.documentElement) visit(doc.documentElement)
  return found
}

function readMetadata(doc: DomDocument): PageMetadata {
  const elements = gatherMetadataElements(doc)
  const metas = new Map<string, string>()
  for (const element of elements.metas) {
    const key = (
      element.getAttribute('property') ??
      element.getAttribute('name') ??
      element.getAttribute('itemprop') ??
      element.getAttribute('http-equiv') ??
      ''
    )
      .trim()
      .toLowerCase()
    const content = element.getAttribute('content') ?? element.getAttribute('value')
    if (key !== '' && content !== null && content.trim() !== '' && !metas.has(key)) metas.set(key, content)
  }
  const jsonLd = readJsonLd(elements.jsonLd)

  const ogTitle = clean(metas.get('og:title') ?? metas.get('twitter:title') ?? '') || null
  const headings = elements.h1s.map((h) => clean(h.textContent ?? '')).filter((text) => text !== '')
  const siteName = clean(metas.get('og:site_name') ?? jsonLd.publisher ?? metas.get('application-name') ?? '') || null
  // A feed is titled by the site's name, before any separator ("Le Site - À la une", "Le Site » Flux").
  const feedNames = elements.feedTitles.map((title) =>
    title.split(TITLE_SEPARATOR)[0]!.replace(/^(?:flux rss|rss|atom)\s+(?:de |du |des )?/i, ''),
  )
  const siteNames = [
    siteName,
    jsonLd.publisher,
    metas.get('application-name'),
    metas.get('apple-mobile-web-app-title'),
    metas.get('twitter:site')?.replace(/^@/, ''),
    ...feedNames,
  ]
    .filter((name): name is string => !!name && name.trim() !== '')
    .map(clean)
  const host = hostOf(metas.get('og:url') ?? elements.canonical ?? '')
  if (host) siteNames.push(host, host.replace(/\.[a-z]+$/, ''))

  const names = (candidates: (string | undefined)[]) =>
    candidates.filter((name): name is string => !!name && name.trim() !== '' && !/^https?:/i.test(name.trim())).map(clean)
  const articleAuthors = names([
    unique(jsonLd.authors.map(clean)).join(', '),
    unique(elements.authors.map(authorName)).join(', '),
    ...elements.bylines.map(authorName),
  ])
  const pageAuthors = names(['author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author'].map((key) => metas.get(key)))

  return {
    ogTitle,
    headings,
    siteName,
    siteNames,
    articleAuthors,
    pageAuthors,
    publishedAt: readPublishedAt(elements, metas, jsonLd),
    declaredLang: readDeclaredLang(doc, metas),
  }
}

/** The name of a schema.org author element (its `name` property, its `content`, its own text) when it looks like one. */
function authorName(element: DomElement): string {
  const named = element.querySelector('[itemprop="name"]')
  const name = named?.getAttribute('content') ?? named?.textContent ?? element.getAttribute('content') ?? element.textContent ?? ''
  const text = clean(name).replace(/^(?:par|by)\s+/i, '')
  return text.length <= 60 && text.split(' ').length <= 6 && !/\d/.test(text) ? text : ''
}

const DATE_META_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'published_time',
  'publishdate',
  'publish-date',
  'pubdate',
  'date',
  'dc.date',
  'dc.date.issued',
  'dc.date.created',
  'dcterms.created',
  'dcterms.issued',
  'dcterms.date',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'og:published_time',
  'citation_publication_date',
  'citation_date',
]

function readPublishedAt(elements: MetadataElements, metas: Map<string, string>, jsonLd: JsonLdFacts): string | null {
  const candidates: string[] = [...jsonLd.published]
  for (const key of DATE_META_KEYS) {
    const value = metas.get(key)
    if (value) candidates.push(value)
  }
  const times = elements.times
  const published = times.filter((time) =>
    /published|pub/i.test(`${time.getAttribute('itemprop')} ${time.getAttribute('class')} ${time.getAttribute('pubdate')}`),
  )
  for (const time of [...published, ...times]) candidates.push(time.getAttribute('datetime') ?? '')
  for (const candidate of candidates) {
    const iso = toIsoDate(candidate)
    if (iso) return iso
  }
  // Last, a short element the page names as the publication date ("<span class="published-at">le 07 mai 2020</span>").
  for (const element of elements.dated) {
    const text = clean(element.textContent ?? '')
    const date = text.length <= 80 && !/mis[e]? à jour|modifié|actualisé|updated/i.test(text) ? dateNotice(text) : null
    if (date) return date
  }
  return null
}

function readDeclaredLang(doc: DomDocument, metas: Map<string, string>): string | null {
  const root = doc.documentElement
  const lang = root?.getAttribute('lang') || root?.getAttribute('xml:lang') || metas.get('content-language') || metas.get('og:locale') || ''
  const tag =
    lang
      .trim()
      .split(/[\s,;]/)[0]
      ?.replace(/_/g, '-') ?? ''
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag) ? tag : null
}

interface JsonLdFacts {
  published: string[]
  authors: string[]
  publisher: string | null
}

const ARTICLE_TYPE = /article|posting|report|blog|review|webpage/i

function readJsonLd(scripts: DomElement[]): JsonLdFacts {
  const facts: JsonLdFacts = { published: [], authors: [], publisher: null }
  const objects: Record<string, unknown>[] = []
  for (const script of scripts) {
    try {
      collectObjects(JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')), objects, 0)
    } catch {
      // Malformed JSON-LD is common; the page's other metadata still counts.
    }
  }
  const typed = (object: Record<string, unknown>) => ARTICLE_TYPE.test(String(object['@type'] ?? ''))
  const ordered = [...objects.filter(typed), ...objects.filter((object) => !typed(object))]
  for (const object of ordered) {
    const date = object['datePublished'] ?? object['dateCreated']
    if (typeof date === 'string') facts.published.push(date)
    facts.authors.push(...namesOf(object['author']))
    if (facts.publisher === null) facts.publisher = namesOf(object['publisher'])[0] ?? null
  }
  return facts
}

function collectObjects(value: unknown, into: Record<string, unknown>[], depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into, depth + 1)
    return
  }
  const object = value as Record<string, unknown>
  into.push(object)
  if (object['@graph']) collectObjects(object['@graph'], into, depth + 1)
}

function namesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(namesOf)
  if (value !== null && typeof value === 'object') {
    const name = (value as Record<string, unknown>)['name']
    return typeof name === 'string' ? [name] : []
  }
  return []
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Title and byline

const TITLE_SEPARATOR = /\s+[-|–—·•:/»]{1,2}\s+/

/**
 * Readability's title, unless it carries the site's name as a suffix or prefix ("Titre - Le Site", "Le Site |
 * Titre"): then the page's og:title or <h1> when one is the title without it, else the title with the site part cut.
 */
function chooseTitle(readabilityTitle: string, doc: DomDocument, meta: PageMetadata): string {
  const title = clean(readabilityTitle) || clean(doc.title ?? '') || meta.ogTitle || meta.headings[0] || ''
  const core = withoutSiteAffix(title, meta.siteNames)
  const og = meta.ogTitle ? (withoutSiteAffix(meta.ogTitle, meta.siteNames) ?? meta.ogTitle) : null
  const partOfTitle = (candidate: string | null | undefined): candidate is string =>
    !!candidate &&
    candidate.length >= 8 &&
    fold(candidate) !== fold(title) &&
    fold(title).includes(fold(candidate)) &&
    withoutSiteAffix(title, [candidate]) !== null
  if (partOfTitle(og)) return og
  const heading = meta.headings.find(partOfTitle)
  if (heading) return heading
  if (core !== null) return core
  if (og !== null && fold(og) === fold(title)) return title
  // Readability cuts some titles at a dash ("Paris - Rouen : …" → "Rouen : …"); the page's headline then holds it whole.
  const whole = meta.headings.find((heading) => {
    const folded = fold(heading)
    return (
      heading.length > title.length &&
      heading.length <= title.length * 3 &&
      withoutSiteAffix(heading, meta.siteNames) === null &&
      (folded.startsWith(fold(title)) || folded.endsWith(fold(title)))
    )
  })
  return whole ?? title
}

/** The title without a "- Site" / "Site |" part naming one of the site's names, or null when there is none. */
function withoutSiteAffix(title: string, siteNames: string[]): string | null {
  const parts = title.split(TITLE_SEPARATOR)
  if (parts.length < 2) return null
  const names = siteNames.map(fold).filter((name) => name !== '')
  const isSite = (part: string) => {
    const folded = fold(part)
    return names.some(
      (name) =>
        folded === name ||
        folded.replace(/\s/g, '') === name.replace(/\s/g, '') ||
        (folded.includes(name) && folded.length < name.length + 12) ||
        (name.includes(folded) && folded.length >= 4),
    )
  }
  const last = parts[parts.length - 1]!
  const first = parts[0]!
  const separators = title.match(new RegExp(TITLE_SEPARATOR.source, 'g')) ?? []
  if (isSite(last)) return clean(title.slice(0, title.length - last.length - (separators.at(-1)?.length ?? 0)))
  if (isSite(first)) return clean(title.slice(first.length + (separators[0]?.length ?? 0)))
  return null
}

/**
 * Readability's byline, unless it is only what the page's <meta> says (Readability prefers that, and it can be the
 * site's editor): then the article's own author markup first. The page's <meta> last.
 */
function chooseByline(readabilityByline: string | null, meta: PageMetadata): string | null {
  const cleaned = (text: string) =>
    clean(text)
      .replace(/^(?:par|by|de)\s+/i, '')
      .replace(/^[|,:\s-]+|[|,:\s-]+$/g, '')
  const isSite = (text: string) => /^[\w.-]+\.[a-z]{2,}$/i.test(text) || meta.siteNames.some((name) => fold(name) === fold(text))
  const byline = cleaned(readabilityByline ?? '')
  const fromPageMeta = meta.pageAuthors.some((name) => fold(cleaned(name)) === fold(byline))
  const candidates = fromPageMeta ? [...meta.articleAuthors, byline] : [byline, ...meta.articleAuthors]
  return [...candidates, ...meta.pageAuthors].map(cleaned).find((name) => name !== '' && !isSite(name)) ?? null
}

interface CleanBody {
  blocks: ArticleBlock[]
  dateFromText: string | null
}

/**
 * "Lire aussi", "À lire également", "Voir aussi", "À lire : …" lines pointing to other articles. A bare "Lire : …"
 * line stays: some papers (Le Monde) set it as part of the article's own text, and Readability keeps it.
 */
const READ_ALSO =
  /^(?:(?:[àa] )?lire (?:aussi|également|egalement|ensuite|la suite)|(?:[àa] )?voir aussi|sur le même sujet|read (?:more|also)|see also|related)\b/i
const READ_LINK = /^(?:[àa] lire|voir|écouter|regarder|read|see|watch)\s*:|^(?:>>|»|→|►|▶|⇒|➜)/i
/** Whole-line headings that open the lists of other articles, tags or author cards around a story. */
const RELATED_LABEL = new RegExp(
  `^(?:${[
    '[àa] découvrir(?: aussi| également)?',
    'découvrez aussi',
    'sur le même (?:sujet|thème)',
    'dans la même rubrique',
    '(?:articles? )?(?:les )?plus (?:lus|partagés|commentés)',
    'articles? (?:similaires|liés|recommandés|associés)',
    'vous aimerez (?:aussi|peut-être)',
    'vous pourriez aussi aimer',
    'nos (?:suggestions|recommandations)',
    'ailleurs sur le web',
    'en images',
    'mots-clés',
    'tags?',
    '[àa] propos de',
    'related (?:articles|stories)',
    'more (?:stories|on this story)',
    'most (?:read|popular)',
  ].join('|')})\\s*:?$`,
  'i',
)
/** "Dernières news sur : X", "Toute l'actualité de X". */
const RELATED_TOPIC =
  /^(?:(?:les |nos )?dernières? (?:news|actualités|actus|infos|articles|vidéos)|(?:nos |les )?derniers articles|plus d['’]articles|toute l['’]actualité)\b[^.!?]{0,60}$/i
const CALL_TO_ACTION =
  /\b(?:inscrivez-vous|abonnez-vous|je m['’]abonne|s['’]abonner|subscribe|sign up|suivez-nous|follow us|téléchargez (?:l['’]|notre )application|recevez (?:notre|nos|gratuitement))\b/i
const NEWSLETTER = /\bnewsletters?\b|\blettre d['’]information\b/i
const SIGN_UP = /\b(?:inscri|abonn|recev|subscri|sign up)/i
const COOKIES = /\bcookies?\b/i
const CONSENT = /\b(?:accept|consent|navigation|paramétr|paramètr|traceurs|confidentialité|privacy|données personnelles)/i
const AGENCIES = 'afp|reuters|ap|getty images|maxppp|sipa|abaca|bestimage|shutterstock|istock|hans lucas|epa|belga|anp|dpa'
const CREDIT = new RegExp(
  [
    // Not after a letter: "Ã©" is an é a page mis-encoded, in every word that has one.
    '(?<!\\p{L})©',
    '\\(c\\)\\s',
    '\\bcr[ée]dits?(?:\\s+(?:photos?|images?|illustrations?))?\\s*:',
    '^(?:photo|photos|illustration|image|vidéo|video|infographie)s?\\s*[:©/]',
    '\\((?:photo|photos|crédit|crédits|illustration)\\b[^)]*\\)',
    '\\bphoto\\s*:',
    `(?:^|/|\\(|\\bavec\\s|\\bphotos?\\s)\\s*(?:${AGENCIES})(?:\\s+(?:photo|images?))?\\)?\\.?\\s*$`,
    // A wire photo's credit: the agency, a slash, the photographer ("REUTERS/Benoit Tessier").
    `\\b(?:${AGENCIES})\\s*/\\s*\\p{L}`,
  ].join('|'),
  'iu',
)
/** The attribution line under an embed ("via GIPHY"). */
const EMBED_CREDIT = /^via\s+\S+(?:\s+\S+)?$/i
/** Whole-line headings of comment sections ("Commentaires", "12 réactions", "Laisser un commentaire"). */
const COMMENTS_HEADING =
  /^(?:(?:\d+\s+)?(?:commentaires?|comments?)|\d+\s+réactions?|vos (?:commentaires|réactions)|réagissez|réagir|(?:laisser|ajouter|écrire|poster|publier) un commentaire|donnez votre avis|leave a (?:comment|reply)|join the discussion)(?:\s*\(\d+\))?\s*[:!.]?$/i
const FORM_LINE =
  /^(?:votre (?:nom|pseudo|e-?mail|adresse e-?mail|commentaire|message)|qui êtes-vous|nom|e-?mail|site web|your (?:name|email|comment))\s*[:?*]*\s*(?:\(.*\))?$/i
const DATE_NOTICE = /^(?:article |dernière )?(?:publié|publiée|mis à jour|mise à jour|modifié|actualisé)(?:\s+le|\s*:)?\s+/i
const SENTENCE_END = /[.!?…:;»"”)\]]$/

/**
 * Turns blocks into the article's paragraphs: drops furniture line by line, and ends the article where the page
 * plainly moves on to something else (comments, "most read" lists, the author's signature after the text).
 */
function cleanBlocks(blocks: PageBlock[], title: string, byline: string | null, meta: PageMetadata): CleanBody {
  const titles = [title, meta.ogTitle ?? ''].map(fold).filter((t) => t !== '')
  const bylines = [byline ?? '', ...meta.articleAuthors, ...meta.pageAuthors].map(fold).filter((name) => name.length >= 4)
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
    const folded = fold(text)
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

/** Where a caption's credit may start: after a sentence, or at a dash, bar or bracket ("… en 2008. Photo X / AFP"). */
const CAPTION_CUT = /(?<=[.!?»])\s+|\s+[-–—|]\s+|\s+(?=\()/g

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

/** A line that only says when the article was published or updated ("Publié le 8 juin 2018 à 10h20"). */
function dateNotice(text: string): string | null {
  const first = text.split(/\s*[,|–—]\s*(?=mis[e]? à jour|modifié|actualisé)/i)[0] ?? text
  return parseDateLine(first.replace(DATE_NOTICE, '').replace(/\.$/, ''))
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))]
}

function fold(text: string): string {
  return clean(text)
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim()
}
