import { detailOf, type ErrorCode, type ErrorData, isErrorData } from '@shared/errors'
import type { MessageCode, MessageParams } from '@shared/messages'

/** An error from the core: its English message, and the code and parameters to word it in the UI language. */
export class ClientError extends Error implements ErrorData {
  readonly code: ErrorCode
  readonly messageCode?: MessageCode
  readonly params?: MessageParams

  constructor({ code, message, messageCode, params }: ErrorData) {
    super(message)
    this.code = code
    this.messageCode = messageCode
    this.params = params
  }

  /** Anything a call threw, as a client error: one from an unexpected failure is `internal`, with its detail. */
  static from(error: unknown): ClientError {
    if (error instanceof ClientError) return error
    return new ClientError(isErrorData(error) ? error : { code: 'internal', message: detailOf(error) })
  }
}
