import { writeFile } from 'node:fs/promises'
import {
  quotesOf,
  type AnnotationColor,
  type CsvDelimiter,
  type ExportFile,
  type ExportFormat,
  type PlacedAnnotation,
  type Side,
} from '../api/shapes'
import type { CliIo } from './cli'
import { UsageError } from './options'
import type { Call } from './contract-call'

export interface NotesOptions {
  paragraph?: number
  quote?: string
  text?: string
  side?: Side
  color?: AnnotationColor
  tag?: string[]
  json: boolean
}

/** `visavis note add|list` and `visavis bookmark add|list`. */
export async function runNotes(kind: 'note' | 'bookmark', args: string[], options: NotesOptions, call: Call, io: CliIo): Promise<number> {
  const [action, id, ...extra] = args
  if (!id || extra.length > 0 || (action !== 'add' && action !== 'list')) {
    throw new UsageError(
      `usage: visavis ${kind} add <id> --paragraph N${kind === 'note' ? ' [--quote TEXT] --text NOTE' : ''}, or ${kind} list <id>`,
    )
  }
  const print = (value: unknown, human: string) => io.stdout(options.json ? `${JSON.stringify(value, null, 2)}\n` : human)
  if (action === 'list') {
    const all = (await call('listAnnotations', { articleId: id })) as PlacedAnnotation[]
    const wanted = all.filter((a) => (kind === 'bookmark' ? a.kind === 'bookmark' : a.kind !== 'bookmark'))
    print(wanted, wanted.map(describe).join('') || `No ${kind}s in this article.\n`)
    return 0
  }
  if (options.paragraph === undefined) throw new UsageError(`${kind} add needs --paragraph N (1 for the first paragraph)`)
  const paragraphId = `p${options.paragraph}`
  const request =
    kind === 'bookmark'
      ? { articleId: id, kind: 'bookmark', paragraphId }
      : {
          articleId: id,
          kind: options.quote ? 'highlight' : 'note',
          paragraphId,
          side: options.side,
          quote: options.quote,
          note: options.text ?? '',
          color: options.color,
          tags: options.tag,
        }
  const annotation = (await call('addAnnotation', request)) as PlacedAnnotation
  if (annotation.paragraphId !== paragraphId) {
    io.stderr(
      `visavis: “${options.quote}” is not in paragraph ${options.paragraph}; the note is on paragraph ${annotation.paragraphId.slice(1)}, where it is.\n`,
    )
  }
  print(annotation, `Added ${describe(annotation)}`)
  return 0
}

/** `visavis export <id>|--all --format md|json|csv|anki [--delimiter , | ; | tab] [--out FILE]`: to the file, or to standard output. */
export async function runExport(
  id: string | undefined,
  options: { all: boolean; format?: ExportFormat; delimiter?: CsvDelimiter; out?: string },
  call: Call,
  io: CliIo,
): Promise<number> {
  if (!id === !options.all) throw new UsageError('export needs an article id, or --all for the whole library')
  if (!options.format) throw new UsageError('export needs --format md, json, csv or anki')
  const { format, delimiter } = options
  const file = (await call('exportAnnotations', { articleId: id, format, ...(delimiter && { delimiter }) })) as ExportFile
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
