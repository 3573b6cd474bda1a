import type { z } from 'zod'

import { type Api, contract } from '../api/contract'
import { type Call, UsageError } from './command-context'

/**
 * Calls the core with arguments the contract's schema has checked, as every door does. Arguments the contract
 * refuses are told in the command line's words (the option, what it accepts), never by the contract's method names.
 * The core gets the arguments as typed: the schemas only check them (their one change, trimming tags and the search
 * words, the core makes again). Loaded only by commands that call the contract (not help, list or show).
 */
export function contractCaller(core: Api): Call {
  return async (method, args) => {
    const checked = contract[method].args.safeParse(args)
    if (!checked.success) throw new UsageError(inCommandLineWords(checked.error.issues[0]!))
    return core[method](args)
  }
}

/** The contract's argument names as the command line knows them, with what it accepts where the contract's words would mislead. */
const ARGUMENTS: Record<string, { name: string; accepts?: string }> = {
  id: { name: 'the article id' },
  articleId: { name: 'the article id' },
  paragraphId: { name: '--paragraph', accepts: 'a whole number from 1 (the first paragraph)' },
  sentenceIndex: { name: '--sentence', accepts: 'a whole number from 1 (the first sentence)' },
  format: { name: '--format' },
  delimiter: { name: '--delimiter', accepts: 'one of: ",", ";", tab' },
  engine: { name: '--engine' },
  to: { name: '--to' },
  from: { name: '--from' },
  side: { name: '--side' },
  color: { name: '--color' },
  tags: { name: '--tag' },
  quote: { name: '--quote' },
  note: { name: '--text' },
  query: { name: 'the search words' },
  source: { name: 'the glossary entry' },
  target: { name: 'the glossary entry' },
  name: { name: 'the model name' },
  path: { name: 'the model folder or archive' },
  url: { name: 'the web address' },
}

function inCommandLineWords(issue: z.core.$ZodIssue): string {
  const argument = ARGUMENTS[String(issue.path[0])] ?? { name: 'an argument' }
  if (argument.accepts) return `${argument.name} must be ${argument.accepts}`
  if (issue.code === 'invalid_value') return `${argument.name} must be one of: ${issue.values.join(', ')}`
  return `${argument.name}: ${issue.message}`
}
