import { defaultUserDataDir } from '../core/paths'
import type { CliIo, CommandContext, OpenSettings, Session } from './command-context'
import { flag, type OptionDeclarations, type OptionValues, parseOptions, text } from './options'

/** The options every command takes: where the library and the user's data are, and help. */
export const EVERY_COMMAND = {
  library: text('DIR', 'the library folder (default: <user data>/library)'),
  userData: text('DIR', `settings and models (default: $VISAVIS_USER_DATA, or ${defaultUserDataDir()})`),
  help: flag('this help; visavis --help lists the commands', 'h'),
}

export type Run<Options> = (context: CommandContext<Options>) => Promise<number>

export interface CommandDeclaration<Declarations extends OptionDeclarations> {
  /** What follows `visavis ` in the usage line, the command's name first: `note add <id> --paragraph N`. */
  usage: string
  summary: string
  options: Declarations
  /** Loads the command's module (only when the command runs) and gives its run function. */
  run: () => Promise<Run<OptionValues<Declarations & typeof EVERY_COMMAND>>>
}

/** What the CLI gives every command: the terminal, and the core opened in the folders its options name. */
export interface Environment {
  io: CliIo
  staticDir: string
  open(folders: { library?: string; userData?: string }, settings?: OpenSettings): Promise<Session>
  /** Prints the command's help; returns the exit code. */
  help(command: Command): number
}

/** A command of the table, its option types checked against its run function's and then set aside. */
export interface Command {
  /** As typed: `list`, `note add`. */
  name: string
  usage: string
  summary: string
  /** Its own options and those of every command. */
  options: OptionDeclarations
  execute(args: string[], environment: Environment): Promise<number>
}

export function defineCommand<Declarations extends OptionDeclarations>(declaration: CommandDeclaration<Declarations>): Command {
  const options = { ...declaration.options, ...EVERY_COMMAND }
  const name = nameOf(declaration.usage)
  const command: Command = {
    name,
    usage: declaration.usage,
    summary: declaration.summary,
    options,
    async execute(args, environment) {
      const parsed = parseOptions(name, options, args)
      if (parsed.help) return environment.help(command)
      const { operands, values } = parsed
      const run = await declaration.run()
      const { io, staticDir } = environment
      const folders = { library: values.library, userData: values.userData }
      return run({ operands, options: values, io, staticDir, open: (settings) => environment.open(folders, settings) })
    },
  }
  return command
}

/** A command's name: the words its usage starts with, before the operands and options. */
function nameOf(usage: string): string {
  return /^[a-z]+(?: [a-z]+)*/.exec(usage)?.[0] ?? usage
}

/** A module's run functions by name, each loaded only when it is asked for: `run: library('runList')`. */
export function runsOf<Module>(load: () => Promise<Module>) {
  return <Name extends keyof Module>(name: Name) => {
    return async () => (await load())[name]
  }
}

/** A count and its noun, in the singular for one ("1 paragraph", "2 paragraphs"). */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
