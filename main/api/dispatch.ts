import type { z } from 'zod'

import { type Api, contract, isMethodName } from './contract'
import { ApiError, type Envelope, toErrorData } from './errors'

export type Dispatch = (methodName: string, rawArgs: unknown) => Promise<Envelope<unknown>>

export interface DispatchOptions {
  /** Where unexpected errors go with their detail; the caller only ever sees `{ code, message }`. */
  logError?: (error: unknown) => void
}

/** The single gate every door goes through: the method must exist and its arguments must match the contract. */
export function createDispatcher(api: Api, { logError = console.error }: DispatchOptions = {}): Dispatch {
  return async (methodName, rawArgs) => {
    try {
      if (!isMethodName(methodName)) throw new ApiError('not_found', `Unknown method "${methodName}".`)
      const parsed = contract[methodName].args.safeParse(rawArgs ?? {})
      if (!parsed.success) throw new ApiError('invalid_input', describeIssues(methodName, parsed.error))
      const call = api[methodName] as (args: unknown) => Promise<unknown>
      return { ok: true, result: await call(parsed.data) }
    } catch (error) {
      if (!(error instanceof ApiError)) logError(error)
      return { ok: false, error: toErrorData(error) }
    }
  }
}

function describeIssues(methodName: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    return `${where}${issue.message}`
  })
  return `Invalid arguments for ${methodName}: ${issues.join('; ')}.`
}
