import { writeFile } from 'node:fs/promises'

import { type AnnotationColor, type CsvDelimiter, type ExportFormat, type PlacedAnnotation, quotesOf, type Side } from '../api/shapes'
import { type CommandContext, only, printer, UsageError } from './command-context'

export interface NoteOptions {
  paragraph: number
  quote?: string
  text?: string
  side?: Side
  color?: AnnotationColor
  tag: string[]
  json: boolean
}

export interface ExportOptions {
  all: boolean
  format: ExportFormat
  delimiter?: CsvDelimiter
  out?: string
}

type Kind = 'note' | 'bookmark'

/** `visavis note add <id> --paragraph N [--quote TEXT] [--text NOTE]`: a note, or with a quote a highlight. */
export async function runAddNote({ operands, options, io, open }: CommandContext<NoteOptions>): Promise<number> {
  const articleId = only(operands, 'note add needs an article id')
  const { paragraph, quote, side, color, tag } = options
  const paragraphId = `p${paragraph}`
  const { call } = await open()
  const kind = quote ? 'highlight' : 'note'
  const annotation = await call('addAnnotation', { articleId, kind, paragraphId, side, quote, note: options.text ?? '', color, tags: tag })
  if (annotation.paragraphId !== paragraphId) {
    io.stderr(
      `visavis: “${quote}” is not in paragraph ${paragraph}; the note is on paragraph ${annotation.paragraphId.slice(1)}, where it is.\n`,
    )
  }
  printer(io, options.json)(annotation, `Added ${describe(annotation)}`)
  return 0
}

/** `visavis bookmark add <id> --paragraph N`. */
export async function runAddBookmark({
  operands,
  options,
  io,
  open,
}: CommandContext<{ paragraph: number; json: boolean }>): Promise<number> {
  const articleId = only(operands, 'bookmark add needs an article id')
  const { call } = await open()
  const annotation = await call('addAnnotation', { articleId, kind: 'bookmark', paragraphId: `p${options.paragraph}` })
  printer(io, options.json)(annotation, `Added ${describe(annotation)}`)
  return 0
}

/** `visavis note list <id>`: the notes and highlights. */
export function runListNotes(context: CommandContext<{ json: boolean }>): Promise<number> {
  return listAnnotations('note', context)
}

/** `visavis bookmark list <id>`. */
export function runListBookmarks(context: CommandContext<{ json: boolean }>): Promise<number> {
  return listAnnotations('bookmark', context)
}

async function listAnnotations(kind: Kind, { operands, options, io, open }: CommandContext<{ json: boolean }>): Promise<number> {
  const articleId = only(operands, `${kind} list needs an article id`)
  const { call } = await open()
  const all = await call('listAnnotations', { articleId })
  const wanted = all.filter((a) => (kind === 'bookmark' ? a.kind === 'bookmark' : a.kind !== 'bookmark'))
  printer(io, options.json)(wanted, wanted.map(describe).join('') || `No ${kind}s in this article.\n`)
  return 0
}

/** `visavis export <id>|--all --format md|json|csv|anki [--delimiter , | ; | tab] [--out FILE]`: to the file, or to standard output. */
export async function runExport({ operands, options, io, open }: CommandContext<ExportOptions>): Promise<number> {
  const [articleId, ...extra] = operands
  if (!articleId === !options.all || extra.length > 0) throw new UsageError('export needs an article id, or --all for the whole library')
  const { format, delimiter } = options
  const { call } = await open()
  const file = await call('exportAnnotations', { articleId, format, ...(delimiter && { delimiter }) })
  if (options.out) {
    await writeFile(options.out, file.content)
    io.stderr(`Wrote ${options.out}.\n`)
  } else io.stdout(file.content)
  return 0
}

function describe(a: PlacedAnnotation): string {
  const where = `paragraph ${(a.anchor?.paragraphId ?? a.paragraphId).slice(1)}${a.orphaned ? ' (orphaned: its passage is no longer in the text)' : ''}`
  const quote = a.selector ? ` “${quotesOf(a).join(' … ')}”` : ''
  return `${a.kind} on ${where}${quote}${a.note ? `: ${a.note}` : ''} [${a.id}]\n`
}
