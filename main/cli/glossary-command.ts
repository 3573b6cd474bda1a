import { ApiError } from '../api/errors'
import type { GlossaryEntry } from '../api/shapes'
import { type Call, type CommandContext, only, printer, UsageError } from './command-context'

export interface GlossaryOptions {
  from?: string
  to?: string
  json: boolean
}

/** `visavis glossary add "<source>" "<target>"`: a correction every engine applies. */
export async function runAddEntry({ operands, options, io, open }: CommandContext<GlossaryOptions>): Promise<number> {
  const [source, target, ...extra] = operands
  if (source === undefined || target === undefined || extra.length > 0) {
    throw new UsageError('usage: visavis glossary add "<source>" "<target>" [--from fr --to en]')
  }
  const { call } = await open()
  const entry = await call('addGlossaryEntry', { source, target, from: options.from, to: options.to })
  printer(io, options.json)(entry, `Added ${describe(entry)}`)
  return 0
}

/** `visavis glossary list`. */
export async function runListEntries({ operands, options, io, open }: CommandContext<{ json: boolean }>): Promise<number> {
  if (operands.length > 0) throw new UsageError('usage: visavis glossary list')
  const { call } = await open()
  const entries = await call('listGlossary', {})
  const empty = 'The glossary is empty. Add an entry with: visavis glossary add "<source>" "<target>"\n'
  printer(io, options.json)(entries, entries.map(describe).join('') || empty)
  return 0
}

/** `visavis glossary remove <id or source words>`. */
export async function runRemoveEntry({ operands, options, io, open }: CommandContext<GlossaryOptions>): Promise<number> {
  const name = only(operands, 'usage: visavis glossary remove <id or source words> [--from fr --to en]')
  const { call } = await open()
  const entry = await entryNamed(name, options, call)
  const removed = await call('removeGlossaryEntry', { id: entry.id })
  printer(io, options.json)(removed, `Removed ${describe(removed)}`)
  return 0
}

/** The entry with this id, or the one whose source words these are (in the pair given with --from/--to, if any). */
async function entryNamed(name: string, { from, to }: GlossaryOptions, call: Call): Promise<GlossaryEntry> {
  const entries = await call('listGlossary', {})
  const wanted = name.replace(/\s+/g, ' ').trim().toLocaleLowerCase()
  const matches = entries.filter(
    (entry) =>
      entry.id === name || (entry.source.toLocaleLowerCase() === wanted && (!from || entry.from === from) && (!to || entry.to === to)),
  )
  if (matches.length === 0) throw new ApiError('not_found', `no glossary entry is "${name}" (see visavis glossary list)`)
  if (matches.length > 1) {
    throw new ApiError('invalid_input', `"${name}" is in the glossary for several languages: give its id, or --from and --to`)
  }
  return matches[0]!
}

function describe(entry: GlossaryEntry): string {
  return `${entry.source} → ${entry.target}  (${entry.from}→${entry.to})  [${entry.id}]\n`
}
