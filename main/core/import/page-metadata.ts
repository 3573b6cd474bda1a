import { clean, comparable } from './block-builder'
import { dateNotice, toIsoDate } from './dates'
import type { DomDocument, DomElement } from './dom'

/*
 * What a page says about its article (title, byline, site, date, language) in its own declarations: JSON-LD, Open
 * Graph and other <meta>, <time>, author markup, <html lang>.
 */

export interface PageMetadata {
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

export function readMetadata(doc: DomDocument): PageMetadata {
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

const TITLE_SEPARATOR = /\s+[-|–—·•:/»]{1,2}\s+/

/**
 * Readability's title, unless it carries the site's name as a suffix or prefix ("Titre - Le Site", "Le Site |
 * Titre"): then the page's og:title or <h1> when one is the title without it, else the title with the site part cut.
 */
export function chooseTitle(readabilityTitle: string, doc: DomDocument, meta: PageMetadata): string {
  const title = clean(readabilityTitle) || clean(doc.title ?? '') || meta.ogTitle || meta.headings[0] || ''
  const core = withoutSiteAffix(title, meta.siteNames)
  const og = meta.ogTitle ? (withoutSiteAffix(meta.ogTitle, meta.siteNames) ?? meta.ogTitle) : null
  const partOfTitle = (candidate: string | null | undefined): candidate is string =>
    !!candidate &&
    candidate.length >= 8 &&
    comparable(candidate) !== comparable(title) &&
    comparable(title).includes(comparable(candidate)) &&
    withoutSiteAffix(title, [candidate]) !== null
  if (partOfTitle(og)) return og
  const heading = meta.headings.find(partOfTitle)
  if (heading) return heading
  if (core !== null) return core
  if (og !== null && comparable(og) === comparable(title)) return title
  // Readability cuts some titles at a dash ("Paris - Rouen : …" → "Rouen : …"); the page's headline then holds it whole.
  const whole = meta.headings.find((heading) => {
    const folded = comparable(heading)
    return (
      heading.length > title.length &&
      heading.length <= title.length * 3 &&
      withoutSiteAffix(heading, meta.siteNames) === null &&
      (folded.startsWith(comparable(title)) || folded.endsWith(comparable(title)))
    )
  })
  return whole ?? title
}

/** The title without a "- Site" / "Site |" part naming one of the site's names, or null when there is none. */
function withoutSiteAffix(title: string, siteNames: string[]): string | null {
  const parts = title.split(TITLE_SEPARATOR)
  if (parts.length < 2) return null
  const names = siteNames.map(comparable).filter((name) => name !== '')
  const isSite = (part: string) => {
    const folded = comparable(part)
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
export function chooseByline(readabilityByline: string | null, meta: PageMetadata): string | null {
  const cleaned = (text: string) =>
    clean(text)
      .replace(/^(?:par|by|de)\s+/i, '')
      .replace(/^[|,:\s-]+|[|,:\s-]+$/g, '')
  const isSite = (text: string) =>
    /^[\w.-]+\.[a-z]{2,}$/i.test(text) || meta.siteNames.some((name) => comparable(name) === comparable(text))
  const byline = cleaned(readabilityByline ?? '')
  const fromPageMeta = meta.pageAuthors.some((name) => comparable(cleaned(name)) === comparable(byline))
  const candidates = fromPageMeta ? [...meta.articleAuthors, byline] : [byline, ...meta.articleAuthors]
  return [...candidates, ...meta.pageAuthors].map(cleaned).find((name) => name !== '' && !isSite(name)) ?? null
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))]
}
