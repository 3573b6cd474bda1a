/** The error to throw once `signal` has aborted: its reason when that is an Error, else a standard AbortError. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError')
}
