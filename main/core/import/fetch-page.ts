import { MAX_IMPORT_BYTES } from '../../api/contract'
import { ApiError } from '../../api/errors'

export const FETCH_TIMEOUT_MS = 20_000

export interface FetchedPage {
  bytes: Uint8Array
  contentType: string
  finalUrl: string
}

/** Fetches a web page for import: http(s) only, a timeout, and a size cap checked while the body streams in. */
export async function fetchPage(url: string, fetchImpl: typeof fetch, timeoutMs = FETCH_TIMEOUT_MS): Promise<FetchedPage> {
  const parsed = URL.canParse(url) ? new URL(url) : null
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    throw new ApiError('invalid_input', `${url} is not a web address (http:// or https://).`)
  }
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const response = await fetchImpl(parsed, { signal, redirect: 'follow', headers: { Accept: 'text/html,text/plain;q=0.9' } })
    if (!response.ok) throw new ApiError('invalid_input', `${url} answered ${response.status} ${response.statusText}.`)
    const contentType = response.headers.get('content-type') ?? ''
    if (contentType && !/^(text\/|application\/xhtml)/i.test(contentType)) {
      throw new ApiError('invalid_input', `${url} is not a web page or text (${contentType.split(';')[0]}).`)
    }
    return { bytes: await readCapped(response, url), contentType, finalUrl: response.url || parsed.href }
  } catch (error) {
    if (error instanceof ApiError) throw error
    if (signal.aborted) throw new ApiError('invalid_input', `${url} did not answer within ${timeoutMs / 1000} s.`)
    throw new ApiError('invalid_input', `${url} could not be fetched: are you online?`, String(error))
  }
}

async function readCapped(response: Response, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_IMPORT_BYTES) throw tooLarge(url)
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.length
    if (size > MAX_IMPORT_BYTES) throw tooLarge(url)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function tooLarge(url: string): ApiError {
  return new ApiError('invalid_input', `${url} is over 20 MB: too large to be an article.`)
}
