import {
  quotesOf,
  type ArticleSummary,
  type ExportFile,
  type ExportFormat,
  type Paragraph,
  type PassageSelector,
  type PlacedAnnotation,
  type TextAnchor,
} from '../../api/contract'
import { foldText } from '../../api/text-folding'

export interface ArticleNotes {
  article: ArticleSummary
  /** The article's title in the language of its translation, once translated. */
  translatedTitle?: string
  annotations: PlacedAnnotation[]
  /** The heading each paragraph comes under (a heading under itself), for exports that keep the article's sections. */
  sections?: Map<string, string>
}

/** For each paragraph after the article's first heading, that heading's text, or the nearest one above it. */
export function sectionsOf(paragraphs: Paragraph[]): Map<string, string> {
  const sections = new Map<string, string>()
  let heading: string | null = null
  for (const paragraph of paragraphs) {
    if (paragraph.kind === 'heading') heading = paragraph.text
    if (heading !== null) sections.set(paragraph.id, heading)
  }
  return sections
}

/** One article's notes, or the whole library's, as a file in the chosen format. */
/** `scope.whole` is an export of the library (one document, a section per article) rather than of one article. */
export function exportNotes(
  format: ExportFormat,
  articles: ArticleNotes[],
  scope: { title: string; slug: string; whole: boolean },
): ExportFile {
  const writers: Record<ExportFormat, () => ExportFile> = {
    md: () => ({ fileName: `${scope.slug}.md`, mimeType: 'text/markdown; charset=utf-8', content: markdown(articles, scope) }),
    json: () => ({
      fileName: `${scope.slug}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify(webAnnotations(articles), null, 2)}\n`,
    }),
    csv: () => ({ fileName: `${scope.slug}.csv`, mimeType: 'text/csv; charset=utf-8', content: csv(articles) }),
    anki: () => ({ fileName: `${scope.slug}.anki.txt`, mimeType: 'text/tab-separated-values; charset=utf-8', content: anki(articles) }),
  }
  return writers[format]()
}

/** A file-name-safe form of a title: "La Chine et…" → "la-chine-et…". */
export function slugOf(title: string): string {
  const slug = foldText(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return slug.slice(0, 60) || 'article'
}

export function deepLink(articleId: string, paragraphId: string): string {
  return `visavis://article/${articleId}#${paragraphId}`
}

const paragraphNumber = (paragraphId: string) => Number(paragraphId.slice(1))
const placeOf = (a: PlacedAnnotation) => a.anchor?.paragraphId ?? a.paragraphId
const original = (a: PlacedAnnotation) => a.sentences.map((s) => s.source).join(' ')
const translation = (a: PlacedAnnotation) => a.sentences.map((s) => s.target).join(' ')

interface PlacedPassage {
  paragraphId: string
  selector: PassageSelector | null
  anchor: TextAnchor | null
}

/** Where an annotation is, paragraph by paragraph: one place, or one per paragraph of a highlight across several. */
function passagesOf(a: PlacedAnnotation): PlacedPassage[] {
  const first = { paragraphId: placeOf(a), selector: a.selector, anchor: a.anchor }
  const rest = (a.continuation ?? []).map((selector, i) => {
    const anchor = a.continuationPlaces?.[i]?.anchor ?? null
    return { paragraphId: anchor?.paragraphId ?? selector.paragraphId, selector, anchor }
  })
  return [first, ...rest]
}

/** A W3C Web Annotation target: the paragraph's link, and the passage's quote and position when there is one. */
function webTarget(articleId: string, { paragraphId, selector, anchor }: PlacedPassage) {
  return {
    source: deepLink(articleId, paragraphId),
    ...(selector && {
      selector: [
        { type: 'TextQuoteSelector', exact: selector.quote, prefix: selector.prefix, suffix: selector.suffix },
        ...(anchor ? [{ type: 'TextPositionSelector', start: anchor.start, end: anchor.end }] : []),
      ],
    }),
  }
}

// ── Markdown for Obsidian-style vaults ──────────────────────────────────────────────────────────────────────────

function markdown(articles: ArticleNotes[], { title, whole }: { title: string; whole: boolean }): string {
  if (!whole && articles.length === 1) {
    const [notes] = articles as [ArticleNotes]
    const heading = `# ${notes.article.title}\n\n${notes.translatedTitle ? `*${notes.translatedTitle}*\n\n` : ''}`
    return `${frontMatter(notes.article, notes.translatedTitle)}\n${heading}${notesUnderSections(notes, 2)}`
  }
  const sections = articles.map((notes) => {
    const { article, translatedTitle } = notes
    const meta = [article.source, article.publishedAt?.slice(0, 10), article.url].filter(Boolean).join(' · ')
    const heading = `## ${article.title}\n\n${translatedTitle ? `*${translatedTitle}*\n\n` : ''}`
    return `${heading}${meta ? `${meta}\n\n` : ''}${notesUnderSections(notes, 3)}`
  })
  return `---\ntitle: ${yamlString(title)}\ntags: [visavis]\n---\n\n# ${title}\n\n${sections.join('\n')}`
}

/** An article's notes in reading order, each under the article's heading it falls under (at `level`), notes one below. */
function notesUnderSections({ article, annotations, sections }: ArticleNotes, level: number): string {
  let current: string | undefined
  const blocks = inReadingOrder(annotations).map((a) => {
    const section = sections?.get(placeOf(a))
    const heading = section !== undefined && section !== current ? `${'#'.repeat(level)} ${section}\n\n` : ''
    current = section
    return `${heading}${noteBlock(a, article, level + 1)}`
  })
  return blocks.join('\n')
}

function inReadingOrder(annotations: PlacedAnnotation[]): PlacedAnnotation[] {
  return [...annotations].sort(
    (a, b) =>
      paragraphNumber(placeOf(a)) - paragraphNumber(placeOf(b)) ||
      (a.anchor?.start ?? -1) - (b.anchor?.start ?? -1) ||
      a.created.localeCompare(b.created),
  )
}

function frontMatter(article: ArticleSummary, translatedTitle: string | undefined): string {
  const lines = [
    `title: ${yamlString(article.title)}`,
    translatedTitle && `translated_title: ${yamlString(translatedTitle)}`,
    article.source && `source: ${yamlString(article.source)}`,
    article.url && `url: ${yamlString(article.url)}`,
    article.publishedAt && `date: ${article.publishedAt.slice(0, 10)}`,
    `tags: [${['visavis', ...article.tags.map(tagSlug)].map(yamlTag).join(', ')}]`,
  ]
  return `---\n${lines.filter(Boolean).join('\n')}\n---\n`
}

function noteBlock(a: PlacedAnnotation, article: ArticleSummary, level: number): string {
  const where = `Paragraph ${paragraphNumber(placeOf(a))}${a.orphaned ? ' (its text has changed: the passage was not found again)' : ''}`
  const quoted = a.orphaned ? quotesOf(a).join(' ') : emphasise(original(a), a.side === 'original' ? quotesOf(a) : [])
  const translated = a.orphaned ? '' : emphasise(translation(a), a.side === 'translation' ? quotesOf(a) : [])
  const quote = [quoted && `> ${quoted}`, translated && `> *${translated}*`].filter(Boolean).join('\n>\n')
  const tags = a.tags.length > 0 ? `\n${a.tags.map((t) => `#${tagSlug(t)}`).join(' ')}` : ''
  const label = { bookmark: 'Bookmark', highlight: 'Highlight', note: 'Note' }[a.kind]
  return `${'#'.repeat(level)} ${label} · ${where}\n\n${quote}\n\n${a.note ? `${a.note}\n\n` : ''}[Open in Vis-à-vis](${deepLink(article.id, placeOf(a))})${tags}\n`
}

/** The quoted passages in bold where the text holds them. */
function emphasise(text: string, quotes: string[]): string {
  return quotes.reduce((marked, quote) => (quote && marked.includes(quote) ? marked.replace(quote, `**${quote}**`) : marked), text)
}

function yamlString(value: string): string {
  return JSON.stringify(value)
}

/** A tag as YAML reads it back: plain when it is a plain word, quoted when it holds ] " # , : or the like. */
function yamlTag(tag: string): string {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_/-]*$/u.test(tag) ? tag : yamlString(tag)
}

function tagSlug(tag: string): string {
  return tag.replace(/\s+/g, '-')
}

// ── JSON shaped as W3C Web Annotations ───────────────────────────────────────────────────────────────────────

function webAnnotations(articles: ArticleNotes[]) {
  const items = articles.flatMap(({ article, translatedTitle, annotations }) =>
    annotations.map((a) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${a.id}`,
      type: 'Annotation',
      motivation: { bookmark: 'bookmarking', highlight: a.note ? 'commenting' : 'highlighting', note: 'commenting' }[a.kind],
      created: a.created,
      modified: a.modified,
      body: [
        ...(a.note ? [{ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' }] : []),
        ...a.tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
      ],
      target: a.continuation ? passagesOf(a).map((passage) => webTarget(article.id, passage)) : webTarget(article.id, passagesOf(a)[0]!),
      'visavis:article': { id: article.id, title: article.title, translatedTitle: translatedTitle ?? null, url: article.url },
      'visavis:side': a.side,
      'visavis:paragraph': paragraphNumber(placeOf(a)),
      'visavis:color': a.color,
      'visavis:orphaned': a.orphaned,
      'visavis:sentences': a.sentences,
    })),
  )
  return { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: items.length, items }
}

// ── CSV for spreadsheets (UTF-8 with BOM, so Excel reads the accents) ────────────────────────────────────────

function csv(articles: ArticleNotes[]): string {
  const header = ['article', 'translated title', 'paragraph', 'quote', 'translation', 'note', 'colour', 'created']
  const rows = articles.flatMap(({ article, translatedTitle, annotations }) =>
    annotations.map((a) => [
      article.title,
      translatedTitle ?? '',
      String(paragraphNumber(placeOf(a))),
      quotesOf(a).join(' ') || original(a),
      a.side === 'translation' ? original(a) : translation(a),
      a.note,
      a.color ?? '',
      a.created,
    ]),
  )
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}

/**
 * A cell that starts like a formula (=, +, -, @, tab, carriage return) is given a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it (OWASP's advice on CSV injection).
 */
function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

// ── Anki: tab-separated, French on the front, translation and note on the back ───────────────────────────────

function anki(articles: ArticleNotes[]): string {
  const lines = articles.flatMap(({ article, translatedTitle, annotations }) =>
    annotations
      .filter((a) => a.sentences.length > 0)
      .map((a) => {
        const front = html(emphasise(original(a), a.side === 'original' ? quotesOf(a) : []))
        const titles = `<small>${[article.title, translatedTitle]
          .filter(Boolean)
          .map((title) => html(title!))
          .join(' · ')}</small>`
        const back = [html(translation(a)), a.note && `<i>${html(a.note)}</i>`, titles].filter(Boolean).join('<br><br>')
        return [front, back, `visavis ${tagSlug(article.title).slice(0, 60)}`].map(ankiField).join('\t')
      }),
  )
  return `#separator:tab\n#html:true\n#tags column:3\n${lines.join('\n')}\n`
}

/** Escaped for Anki's HTML fields; quotes too, which Anki's importer would read as the start of a quoted field. */
function html(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
}

function ankiField(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ')
}
