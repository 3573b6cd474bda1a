import { parseArgs } from 'node:util'

import { detailOf } from '../api/errors'
import { UsageError } from './command-context'

/**
 * A command's options, declared once: the parser, the value checks and the help are all made from these. An option
 * is named in camelCase in the declarations and in kebab-case on the command line (allowPrivateAddress is
 * --allow-private-address).
 */

interface Described {
  help: string
  /** Given to every run of the command, or it is refused. */
  required?: true
}
export interface FlagOption extends Described {
  kind: 'flag'
  short?: string
}
export interface TextOption extends Described {
  kind: 'text'
  /** The value's name in the help: --out FILE. */
  placeholder: string
}
/** A text option that may be given several times (--tag a --tag b). */
export interface TextsOption extends Described {
  kind: 'texts'
  placeholder: string
}
export interface NumberOption extends Described {
  kind: 'number'
  placeholder: string
  min: number
  max: number
}
/** One of a fixed set: each name the command line takes, and the value it stands for. */
export interface ChoiceOption<T extends string = string> extends Described {
  kind: 'choice'
  choices: Readonly<Record<string, T>>
}
export type OptionDeclaration = FlagOption | TextOption | TextsOption | NumberOption | ChoiceOption
export type OptionDeclarations = Readonly<Record<string, OptionDeclaration>>

type ValueOf<Declaration> = Declaration extends FlagOption
  ? boolean
  : Declaration extends TextsOption
    ? string[]
    : Declaration extends NumberOption
      ? number
      : Declaration extends ChoiceOption<infer T>
        ? T
        : string

/** What a command's run function gets for its declarations: flags and repeatable options always, others when given or required. */
export type OptionValues<Declarations extends OptionDeclarations> = {
  [Name in keyof Declarations]: Declarations[Name] extends FlagOption | TextsOption | { required: true }
    ? ValueOf<Declarations[Name]>
    : ValueOf<Declarations[Name]> | undefined
}

export const flag = (help: string, short?: string): FlagOption => ({ kind: 'flag', help, ...(short && { short }) })
export const text = (placeholder: string, help: string): TextOption => ({ kind: 'text', placeholder, help })
export const texts = (placeholder: string, help: string): TextsOption => ({ kind: 'texts', placeholder, help })
export const wholeNumber = (placeholder: string, min: number, max: number, help: string): NumberOption => ({
  kind: 'number',
  placeholder,
  min,
  max,
  help,
})
export function oneOf<T extends string>(values: readonly T[], help: string): ChoiceOption<T> {
  return { kind: 'choice', choices: Object.fromEntries(values.map((value) => [value, value])), help }
}
/** One of a fixed set whose names on the command line are not the values (tab for '\t'). */
export const oneOfNamed = <T extends string>(choices: Record<string, T>, help: string): ChoiceOption<T> => ({
  kind: 'choice',
  choices,
  help,
})
export const required = <Declaration extends OptionDeclaration>(declaration: Declaration): Declaration & { required: true } => ({
  ...declaration,
  required: true,
})

export function optionName(name: string): string {
  return `--${kebabCase(name)}`
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
}

/** How the option reads in the help and in errors: --format md|json|csv|anki, --paragraph N, --json. */
export function optionUsage(name: string, declaration: OptionDeclaration): string {
  const long = optionName(name)
  switch (declaration.kind) {
    case 'flag':
      return declaration.short ? `-${declaration.short}, ${long}` : long
    case 'choice':
      return `${long} ${Object.keys(declaration.choices).join('|')}`
    default:
      return `${long} ${declaration.placeholder}`
  }
}

/**
 * Reads a command's options and operands, and checks every value against its declaration, unless the command line
 * asks for help (the declarations' help flag). `command` is the command's name as typed (`note add`), for the errors.
 */
export function parseOptions<Declarations extends OptionDeclarations>(
  command: string,
  declarations: Declarations,
  args: string[],
): { help: true } | { help: false; operands: string[]; values: OptionValues<Declarations> } {
  const names = Object.keys(declarations)
  const config = Object.fromEntries(
    names.map((name) => {
      const declaration = declarations[name]!
      const type = declaration.kind === 'flag' ? 'boolean' : 'string'
      const short = declaration.kind === 'flag' && declaration.short ? { short: declaration.short } : {}
      return [kebabCase(name), { type, multiple: declaration.kind === 'texts', ...short }] as const
    }),
  )
  refuseUndeclared(command, config, args)
  const { values: given, positionals } = strictlyParsed(config, args)
  // --help asks for nothing else: an option the command needs may be missing.
  if (given.help === true) return { help: true }
  const values = Object.fromEntries(names.map((name) => [name, checked(command, name, declarations[name]!, given[kebabCase(name)])]))
  // Each value was made from its own declaration just above: the one place a declaration's type meets its value.
  return { help: false, operands: positionals, values: values as OptionValues<Declarations> }
}

type ParserConfig = Record<string, { type: 'boolean' | 'string'; multiple: boolean; short?: string }>

/** An option the command does not take is named with the command, not left to the parser's generic message. */
function refuseUndeclared(command: string, config: ParserConfig, args: string[]): void {
  const { tokens } = parseArgs({ args, options: config, strict: false, allowPositionals: true, tokens: true })
  const undeclared = tokens.find((token) => token.kind === 'option' && !Object.hasOwn(config, token.name))
  if (undeclared?.kind === 'option') throw new UsageError(`${command} takes no ${undeclared.rawName}; see visavis ${command} --help`)
}

function strictlyParsed(config: ParserConfig, args: string[]) {
  try {
    return parseArgs({ args, options: config, strict: true, allowPositionals: true })
  } catch (error) {
    throw new UsageError(detailOf(error))
  }
}

function checked(
  command: string,
  name: string,
  declaration: OptionDeclaration,
  given: string | boolean | (string | boolean)[] | undefined,
) {
  if (declaration.kind === 'flag') return given === true
  if (declaration.kind === 'texts') return Array.isArray(given) ? given : []
  if (typeof given !== 'string') {
    if (declaration.required) throw new UsageError(`${command} needs ${optionUsage(name, declaration)}`)
    return undefined
  }
  if (declaration.kind === 'number') return numberIn(optionName(name), given, declaration)
  if (declaration.kind === 'choice') return choiceOf(optionName(name), given, declaration)
  return given
}

function numberIn(option: string, value: string, { min, max }: NumberOption): number {
  const number = Number(value)
  if (/^\d+$/.test(value) && number >= min && number <= max) return number
  throw new UsageError(`${option} must be a whole number from ${min} to ${max}`)
}

function choiceOf(option: string, value: string, { choices }: ChoiceOption): string {
  if (Object.hasOwn(choices, value)) return choices[value]!
  const shown = Object.keys(choices).map((name) => (/^[\w-]+$/.test(name) ? name : `"${name}"`))
  throw new UsageError(`${option} must be one of: ${shown.join(', ')}`)
}
