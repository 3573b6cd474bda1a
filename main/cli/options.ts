import {
  annotationColors,
  engineIds,
  exportFormats,
  sides,
  type AnnotationColor,
  type CsvDelimiter,
  type EngineId,
  type ExportFormat,
  type Side,
} from '../api/shapes'

/** A command used the wrong way: its message says how to use it, in the command line's words; exit code 2. */
export class UsageError extends Error {}

/** The options with a fixed set of values or a number, checked before anything loads, each error naming the option. */
export interface CheckedOptions {
  engine?: EngineId
  format?: ExportFormat
  delimiter?: CsvDelimiter
  side?: Side
  color?: AnnotationColor
  paragraph?: number
  sentence?: number
  port: number
}

const DELIMITERS: Record<string, CsvDelimiter> = { ',': ',', ';': ';', tab: '\t' }
/** The contract's paragraph ids go up to p999999. */
const MAX_PARAGRAPH = 999_999

export function checkOptions(values: Partial<Record<keyof CheckedOptions, string>>): CheckedOptions {
  const delimiter = oneOf('--delimiter', values.delimiter, Object.keys(DELIMITERS))
  return {
    engine: oneOf('--engine', values.engine, engineIds),
    format: oneOf('--format', values.format, exportFormats),
    delimiter: delimiter === undefined ? undefined : DELIMITERS[delimiter],
    side: oneOf('--side', values.side, sides),
    color: oneOf('--color', values.color, annotationColors),
    paragraph: wholeNumber('--paragraph', values.paragraph, 1, MAX_PARAGRAPH),
    sentence: wholeNumber('--sentence', values.sentence, 1, MAX_PARAGRAPH),
    port: wholeNumber('--port', values.port, 0, 65535) ?? 0,
  }
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined
  const shown = allowed.map((allowedValue) => (/^[\w-]+$/.test(allowedValue) ? allowedValue : `"${allowedValue}"`))
  throw new UsageError(`${option} must be one of: ${shown.join(', ')}`)
}

function wholeNumber(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (/^\d+$/.test(value) && number >= min && number <= max) return number
  throw new UsageError(`${option} must be a whole number from ${min} to ${max}`)
}
