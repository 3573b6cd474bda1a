import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { ApiError, detailOf } from '../api/errors'
import type { Core } from '../core/core'
import extractionWorker from '../core/import/extraction-worker?modulePath'
import { defaultUserDataDir } from '../core/paths'
import { printable } from '../core/printable'
import type { Environment } from './command'
import { type Call, type CliIo, type OpenSettings, UsageError } from './command-context'
import { commands } from './commands'
import { commandHelp, generalHelp, groupHelp, subcommandName } from './help'

// Only the command table and the help are imported above: the core, the contract's schemas (zod) and each command's
// module load when a command needs them, so `visavis --help`, `list` and `show` start at once.

/** The terminal's type, for the callers of runCli. */
export type { CliIo } from './command-context'

export interface CliOptions {
  /** The built renderer the browser host serves. */
  staticDir?: string
}

/** Door 3: every command goes through the contract's schemas and the same core as the other doors. Returns the exit code. */
export async function runCli(argv: string[], terminal: CliIo, cliOptions: CliOptions = {}): Promise<number> {
  // What the library holds came from web pages: nothing it says may drive the terminal.
  const io: CliIo = { ...terminal, stdout: (text) => terminal.stdout(printable(text)), stderr: (text) => terminal.stderr(printable(text)) }
  let core: Core | undefined
  const environment: Environment = {
    io,
    staticDir: cliOptions.staticDir ?? defaultStaticDir(),
    help: (command) => {
      io.stdout(commandHelp(command))
      return 0
    },
    open: async (folders, settings) => {
      core ??= await openCore(folders, settings)
      return { core, call: callerFor(core) }
    },
  }
  try {
    try {
      return await runCommand(argv, environment)
    } finally {
      if (core) {
        await core.close() // closing saves the search index, which may add a problem
        for (const problem of (await core.getAppInfo({})).problems) io.stderr(`visavis: warning: ${problem}\n`)
      }
    }
  } catch (error) {
    io.stderr(`visavis: ${messageOf(error)}\n`)
    return error instanceof UsageError ? 2 : 1
  }
}

/** Finds the command the first words name (`list`, `note add`) in the table, and runs it with the words after them. */
async function runCommand(argv: string[], environment: Environment): Promise<number> {
  const [first, second] = argv
  if (first === undefined || first === '--help' || first === '-h') {
    environment.io.stdout(generalHelp(commands))
    return first === undefined ? 2 : 0
  }
  const command = commands.find((candidate) => candidate.name === first)
  if (command) return command.execute(argv.slice(1), environment)
  const group = commands.filter((candidate) => candidate.name.startsWith(`${first} `))
  if (group.length === 0) throw new UsageError(unknownCommand(first))
  const subcommand = group.find((candidate) => candidate.name === `${first} ${second}`)
  if (subcommand) return subcommand.execute(argv.slice(2), environment)
  if (second === '--help' || second === '-h') {
    environment.io.stdout(groupHelp(first, group))
    return 0
  }
  throw new UsageError(`${first} needs one of: ${group.map(subcommandName).join(', ')}; see visavis ${first} --help`)
}

function unknownCommand(word: string): string {
  if (word.startsWith('-')) return `the command comes first: visavis <command> [options]; see visavis --help`
  return `unknown command "${word}"; see visavis --help`
}

async function openCore(folders: { library?: string; userData?: string }, settings: OpenSettings = {}): Promise<Core> {
  const { createCore } = await import('../core/core')
  const userDataDir = resolve(folders.userData ?? process.env.VISAVIS_USER_DATA ?? defaultUserDataDir())
  return createCore({ libraryDir: resolve(folders.library ?? join(userDataDir, 'library')), userDataDir, extractionWorker, ...settings })
}

/** Calls through the contract's schemas, whose module (and zod) loads with the first call. */
function callerFor(core: Core): Call {
  let caller: Promise<Call> | undefined
  return async (method, args) => {
    caller ??= import('./contract-call').then(({ contractCaller }) => contractCaller(core))
    return (await caller)(method, args)
  }
}

function defaultStaticDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url))
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof UsageError) return error.message
  return `unexpected error: ${detailOf(error)}`
}
