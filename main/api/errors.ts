import type { CoreMessage, MessageCode, MessageParams } from './messages'

/**
 * Errors cross every door (IPC, HTTP, CLI) as data: a code, a message a user can act on (in English, and for those
 * the UI words in its language, a message code and its parameters), and a detail for logs.
 */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'already_exists',
  'engine_unavailable',
  'corrupt_file',
  'newer_version',
  'internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface ErrorData {
  code: ErrorCode
  message: string
  messageCode?: MessageCode
  params?: MessageParams
}

export class ApiError extends Error {
  override readonly name = 'ApiError'

  readonly messageCode?: MessageCode
  readonly params?: MessageParams

  constructor(
    readonly code: ErrorCode,
    message: string | CoreMessage,
    readonly detail?: string,
  ) {
    super(typeof message === 'string' ? message : message.message)
    if (typeof message === 'string') return
    this.messageCode = message.messageCode
    this.params = message.params
  }

  static fromData({ code, message, messageCode, params }: ErrorData): ApiError {
    return new ApiError(code, messageCode ? { messageCode, params, message } : message)
  }

  toData(): ErrorData {
    const { code, message, messageCode, params } = this
    return messageCode ? { code, message, messageCode, params } : { code, message }
  }
}

export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false
  const { code, message } = value as Record<string, unknown>
  return typeof message === 'string' && (errorCodes as readonly unknown[]).includes(code)
}

/** What went wrong, in one line, from anything thrown. */
export function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Turns anything thrown into error data; unexpected errors keep their detail out of the user's message. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof ApiError) return error.toData()
  return { code: 'internal', message: 'Something went wrong inside Vis-à-vis. Details are in the log.' }
}

/** The answer of one contract call, as it crosses a door. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorData }
