import { writeFile } from 'node:fs/promises'
import { csvDelimiters, quotesOf, type ExportFile, type PlacedAnnotation } from '../api/contract'
import type { CliIo } from './cli'
import type { Call } from './import-command'

export class NotesUsageError extends Error {}

export interface NotesOptions {
  paragraph?: number
  quote?: string
  text?: string
  side?: string
  color?: string
  tag?: string[]
  json: boolean
}

/** `visavis note add|list` and `visavis bookmark add|list`. */
export async function runNotes(kind: 'note' | 'bookmark', args: string[], options: NotesOptions, call: Call, io: CliIo): Promise<number> {
  const [action, id, ...extra] = args
  if (!id || extra.length > 0 || (action !== 'add' && action !== 'list')) {
    throw new NotesUsageError(
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
  if (options.paragraph === undefined) throw new NotesUsageError(`${kind} add needs --paragraph N (1 for the first paragraph)`)
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
  options: { all: boolean; format?: string; delimiter?: string; out?: string },
  call: Call,
  io: CliIo,
): Promise<number> {
  if (!id === !options.all) throw new NotesUsageError('export needs an article id, or --all for the whole library')
  if (!options.format) throw new NotesUsageError('export needs --format md, json, csv or anki')
  const delimiter = options.delimiter === 'tab' ? '\t' : options.delimiter
  if (delimiter !== undefined && !(csvDelimiters as readonly string[]).includes(delimiter))
    throw new NotesUsageError('--delimiter is , or ; or tab')
  const file = (await call('exportAnnotations', { articleId: id, format: options.format, ...(delimiter && { delimiter }) })) as ExportFile
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
