import type { GlossaryEntry } from '../api/shapes'
import { ApiError } from '../api/errors'
import type { CliIo } from './cli'
import { UsageError } from './options'
import type { Call } from './contract-call'

export interface GlossaryOptions {
  from?: string
  to?: string
  json: boolean
}

const USAGE =
  'usage: visavis glossary add "<source>" "<target>" [--from fr --to en], glossary list, or glossary remove <id or source words>'

/** `visavis glossary add|list|remove`: the reader's corrections, which every engine applies. */
export async function runGlossary(args: string[], options: GlossaryOptions, call: Call, io: CliIo): Promise<number> {
  const [action, ...words] = args
  const print = (value: unknown, human: string) => io.stdout(options.json ? `${JSON.stringify(value, null, 2)}\n` : human)
  if (action === 'list' && words.length === 0) {
    const entries = (await call('listGlossary', {})) as GlossaryEntry[]
    print(
      entries,
      entries.map(describe).join('') || 'The glossary is empty. Add an entry with: visavis glossary add "<source>" "<target>"\n',
    )
    return 0
  }
  if (action === 'add' && words.length === 2) {
    const [source, target] = words
    const entry = (await call('addGlossaryEntry', { source, target, from: options.from, to: options.to })) as GlossaryEntry
    print(entry, `Added ${describe(entry)}`)
    return 0
  }
  if (action === 'remove' && words.length === 1) {
    const entry = await entryNamed(words[0]!, options, call)
    const removed = (await call('removeGlossaryEntry', { id: entry.id })) as GlossaryEntry
    print(removed, `Removed ${describe(removed)}`)
    return 0
  }
  throw new UsageError(USAGE)
}

/** The entry with this id, or the one whose source words these are (in the pair given with --from/--to, if any). */
async function entryNamed(name: string, { from, to }: GlossaryOptions, call: Call): Promise<GlossaryEntry> {
  const entries = (await call('listGlossary', {})) as GlossaryEntry[]
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
