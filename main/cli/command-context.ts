import type { ArgsOf, MethodName, ResultOf } from '../api/contract'
import type { Core, CoreOptions } from '../core/core'

/** What every command module shares: the terminal, the typed call, and what a command's run function is given. */

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  readStdin(): Promise<Buffer>
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilInterrupted(): Promise<void>
}

/** A command used the wrong way: its message says how to use it, in the command line's words; exit code 2. */
export class UsageError extends Error {}

/** A contract method called as the other doors call it, its arguments checked by the contract's schema. */
export type Call = <M extends MethodName>(method: M, args: ArgsOf<M>) => Promise<ResultOf<M>>

/** How a command wants the core opened; the library and user-data folders come from the command line. */
export type OpenSettings = Omit<CoreOptions, 'libraryDir' | 'userDataDir' | 'extractionWorker'>

export interface Session {
  core: Core
  call: Call
}

export interface CommandContext<Options> {
  /** The command line's words after the command's name, options taken out. */
  operands: string[]
  options: Options
  io: CliIo
  /** Opens the library and the core (once); the CLI closes it when the command ends. */
  open(settings?: OpenSettings): Promise<Session>
  /** The built renderer the browser host serves (`visavis serve`). */
  staticDir: string
}

/** Prints a command's result: as JSON with --json, else in words. */
export function printer(io: CliIo, json: boolean): (value: unknown, words: string) => void {
  return (value, words) => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : words)
}

/** The one operand a command takes, or a usage error with this message. */
export function only(operands: string[], message: string): string {
  if (operands.length !== 1) throw new UsageError(message)
  return operands[0]!
}

/** A LibreTranslate server given on the command line, for this run, in place of the one in the settings. */
export function libreTranslateSetting(options: { libretranslateUrl?: string; libretranslateKey?: string }): OpenSettings {
  const { libretranslateUrl: url, libretranslateKey: apiKey = '' } = options
  return url === undefined ? {} : { libreTranslate: { url, apiKey } }
}
