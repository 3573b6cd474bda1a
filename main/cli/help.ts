import { type Command, EVERY_COMMAND } from './command'
import { type OptionDeclarations, optionUsage } from './options'

/** The help texts, made from the command table. */

/** Where an option's or a command's description starts, and where lines end. */
const COLUMN = 28
const WIDTH = 100

export function generalHelp(commands: Command[]): string {
  return [
    'Usage: visavis <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => row(command.usage, command.summary)),
    '',
    'Options of every command:',
    ...optionRows({ library: EVERY_COMMAND.library, userData: EVERY_COMMAND.userData }),
    row('-h, --help', 'this help, or with a command its options: visavis <command> --help'),
    '',
  ].join('\n')
}

export function commandHelp(command: Command): string {
  return [`Usage: visavis ${command.usage} [options]`, sentence(command.summary), '', 'Options:', ...optionRows(command.options), ''].join(
    '\n',
  )
}

/** `visavis note --help`: the commands that start with this word. */
export function groupHelp(group: string, commands: Command[]): string {
  return [
    `Usage: visavis ${group} ${commands.map(subcommandName).join('|')} [options]`,
    '',
    ...commands.map((command) => row(command.usage, command.summary)),
    '',
    `visavis ${group} <${commands.map(subcommandName).join('|')}> --help lists its options.`,
    '',
  ].join('\n')
}

export function subcommandName(command: Command): string {
  return command.name.slice(command.name.indexOf(' ') + 1)
}

function optionRows(options: OptionDeclarations): string[] {
  return Object.entries(options).map(([name, declaration]) =>
    row(optionUsage(name, declaration), declaration.required ? `${declaration.help} (required)` : declaration.help),
  )
}

/** `  left   text`, the text wrapped in its column, and starting on the next line when the left column is too wide for it. */
function row(left: string, text: string): string {
  const indent = ' '.repeat(COLUMN + 2)
  const lines = wrapped(text, WIDTH - indent.length)
  const first = left.length < COLUMN - 1 ? `  ${left.padEnd(COLUMN)}${lines.shift()}` : `  ${left}`
  return [first, ...lines.map((line) => indent + line)].join('\n')
}

function wrapped(text: string, width: number): string[] {
  const lines = ['']
  for (const word of text.split(' ')) {
    const line = lines.at(-1)!
    if (line && line.length + 1 + word.length > width) lines.push(word)
    else lines[lines.length - 1] = line ? `${line} ${word}` : word
  }
  return lines
}

function sentence(summary: string): string {
  return `${summary[0]!.toUpperCase()}${summary.slice(1)}.`
}
