import {
  type AnnotationColor,
  type AnnotationKind,
  type ArticleSummary,
  type CsvDelimiter,
  type ExportFile,
  type ExportFormat,
  type Paragraph,
  type PlacedAnnotation,
  type PlacedPassage,
  placedPassages,
  quotesOf,
  type Side,
} from '../../api/shapes'
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

/**
 * One article's notes, or the whole library's (`scope.whole`: one document, a section per article), as a file in
 * the chosen format; in every format the notes come in reading order with the same fields (see NoteFields).
 */
export function exportNotes(
  format: ExportFormat,
  unordered: ArticleNotes[],
  scope: { title: string; slug: string; whole: boolean },
  { delimiter = ',' }: { delimiter?: CsvDelimiter } = {},
): ExportFile {
  const articles = unordered.map((notes) => ({ ...notes, annotations: inReadingOrder(notes.annotations) }))
  const writers: Record<ExportFormat, () => ExportFile> = {
    md: () => ({ fileName: `${scope.slug}.md`, mimeType: 'text/markdown; charset=utf-8', content: markdown(articles, scope) }),
    json: () => ({
      fileName: `${scope.slug}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify(webAnnotations(articles), null, 2)}\n`,
    }),
    csv: () => ({ fileName: `${scope.slug}.csv`, mimeType: 'text/csv; charset=utf-8', content: csv(articles, delimiter) }),
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

/** What every format says of an annotation, each field with one meaning whatever side it was made on. */
interface NoteFields {
  kind: AnnotationKind
  side: Side
  paragraph: number
  /** The French it is on: the sentences a passage covers, or the paragraph of a bookmark or note. */
  original: string
  /** Its counterpart in the translation, sentence for sentence. */
  translation: string
  /** The highlighted words, on `side`; none for bookmarks and paragraph notes. */
  quotes: string[]
  note: string
  tags: string[]
  colour: AnnotationColor | null
  link: string
  orphaned: boolean
  created: string
}

function fieldsOf(a: PlacedAnnotation, articleId: string): NoteFields {
  const quotes = quotesOf(a)
  const sides = (side: Side, text: string) => text || (a.side === side ? quotes.join(' ') : '') // an orphan keeps its quote
  return {
    kind: a.kind,
    side: a.side,
    paragraph: paragraphNumber(placeOf(a)),
    original: sides('original', a.sentences.map((s) => s.source).join(' ')),
    translation: sides('translation', a.sentences.map((s) => s.target).join(' ')),
    quotes,
    note: a.note,
    tags: a.tags,
    colour: a.color,
    link: deepLink(articleId, placeOf(a)),
    orphaned: a.orphaned,
    created: a.created,
  }
}

/** A side's text with the highlighted words in bold (`**…**`) when the highlight was made on that side. */
function emphasised(fields: NoteFields, side: Side): string {
  return emphasise(fields[side], fields.side === side ? fields.quotes : [])
}

/** The W3C Web Annotation target(s) of an annotation: its paragraph's link, or one per passage of a highlight. */
function webTargets(articleId: string, a: PlacedAnnotation) {
  const passages = placedPassages(a)
  if (passages.length === 0) return { source: deepLink(articleId, placeOf(a)) }
  const targets = passages.map((passage) => webTarget(articleId, passage))
  return targets.length > 1 ? targets : targets[0]!
}

function webTarget(articleId: string, { selector, anchor }: PlacedPassage) {
  return {
    source: deepLink(articleId, anchor?.paragraphId ?? selector.paragraphId),
    selector: [
      { type: 'TextQuoteSelector', exact: selector.quote, prefix: selector.prefix, suffix: selector.suffix },
      ...(anchor ? [{ type: 'TextPositionSelector', start: anchor.start, end: anchor.end }] : []),
    ],
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
  const blocks = annotations.map((a) => {
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
  const fields = fieldsOf(a, article.id)
  const orphaned = fields.orphaned ? ' (its text has changed: the passage was not found again)' : ''
  const heading = [KIND_LABELS[fields.kind], `Paragraph ${fields.paragraph}${orphaned}`, fields.side, fields.colour]
    .filter(Boolean)
    .join(' · ')
  const original = emphasised(fields, 'original')
  const translated = emphasised(fields, 'translation')
  const quote = [original && `> ${original}`, translated && `> *${translated}*`].filter(Boolean).join('\n>\n')
  const tags = fields.tags.length > 0 ? `\n${fields.tags.map((t) => `#${tagSlug(t)}`).join(' ')}` : ''
  return `${'#'.repeat(level)} ${heading}\n\n${quote}\n\n${fields.note ? `${fields.note}\n\n` : ''}[Open in Vis-à-vis](${fields.link})${tags}\n`
}

const KIND_LABELS: Record<AnnotationKind, string> = { bookmark: 'Bookmark', highlight: 'Highlight', note: 'Note' }

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
    annotations
      .map((a) => ({ a, fields: fieldsOf(a, article.id) }))
      .map(({ a, fields }) => ({
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
        target: webTargets(article.id, a),
        'visavis:article': { id: article.id, title: article.title, translatedTitle: translatedTitle ?? null, url: article.url },
        'visavis:kind': fields.kind,
        'visavis:side': fields.side,
        'visavis:paragraph': fields.paragraph,
        'visavis:original': fields.original,
        'visavis:translation': fields.translation,
        'visavis:quote': fields.quotes.join(' '),
        'visavis:note': fields.note,
        'visavis:tags': fields.tags,
        'visavis:colour': fields.colour,
        'visavis:link': fields.link,
        'visavis:orphaned': fields.orphaned,
        'visavis:sentences': a.sentences,
      })),
  )
  return { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: items.length, items }
}

// ── CSV for spreadsheets (UTF-8 with BOM, so Excel reads the accents) ────────────────────────────────────────

function csv(articles: ArticleNotes[], delimiter: CsvDelimiter): string {
  const header = [
    'article',
    'translated title',
    'kind',
    'side',
    'paragraph',
    'original',
    'translation',
    'quote',
    'note',
    'tags',
    'colour',
    'link',
    'created',
  ]
  const rows = articles.flatMap(({ article, translatedTitle, annotations }) =>
    annotations.map((a) => {
      const fields = fieldsOf(a, article.id)
      return [
        article.title,
        translatedTitle ?? '',
        fields.kind,
        fields.side,
        String(fields.paragraph),
        fields.original,
        fields.translation,
        fields.quotes.join(' '),
        fields.note,
        fields.tags.join(', '),
        fields.colour ?? '',
        fields.link,
        fields.created,
      ]
    }),
  )
  return `\uFEFF${[header, ...rows].map((row) => row.map((value) => csvField(value, delimiter)).join(delimiter)).join('\r\n')}\r\n`
}

/**
 * A cell that starts like a formula (=, +, -, @, tab, carriage return) is given a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it (OWASP's advice on CSV injection).
 */
function csvField(value: string, delimiter: CsvDelimiter): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text
}

// ── Anki: tab-separated, French on the front, translation and note on the back ───────────────────────────────

function anki(articles: ArticleNotes[]): string {
  const lines = articles.flatMap(({ article, translatedTitle, annotations }) =>
    annotations
      .map((a) => fieldsOf(a, article.id))
      .filter((fields) => fields.original !== '')
      .map((fields) => {
        const titles = `<small>${[article.title, translatedTitle]
          .filter(Boolean)
          .map((title) => html(title!))
          .join(' · ')}</small>`
        const back = [html(emphasised(fields, 'translation')), fields.note && `<i>${html(fields.note)}</i>`, titles]
          .filter(Boolean)
          .join('<br><br>')
        const tags = ['visavis', tagSlug(article.title).slice(0, 60), ...fields.tags.map(tagSlug)].join(' ')
        return [html(emphasised(fields, 'original')), back, tags].map(ankiField).join('\t')
      }),
  )
  return `${ANKI_HEADER}${lines.join('\n')}\n`
}

/** Anki's file headers: how to read the fields, into which note type and deck. */
const ANKI_HEADER = '#separator:tab\n#html:true\n#notetype:Basic\n#deck:Vis-à-vis\n#tags column:3\n'

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
