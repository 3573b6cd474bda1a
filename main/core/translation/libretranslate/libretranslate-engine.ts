import { ApiError } from '../../../api/errors'
import type { EngineIdentity, EngineStatus, LanguagePair, TranslatedSentence, TranslationEngine } from '../engine'

/**
 * A LibreTranslate-compatible server that the user runs (or reaches) over HTTP. The engine only speaks the public
 * API: `GET /languages`, `POST /translate` with an array `q`, and `GET /frontend/settings` for a version when the
 * server offers one.
 */
export interface LibreTranslateOptions {
  /** The server's address, e.g. "http://localhost:5000"; may carry a path prefix. Empty means not configured. */
  baseUrl: string
  /** Sent as `api_key` with every translation request when set. */
  apiKey?: string
  fetch?: typeof fetch
  /** Limit for each HTTP request, body included. */
  timeoutMs?: number
  /** Sentences sent per `POST /translate`. */
  batchSize?: number
}

export const LIBRETRANSLATE_TIMEOUT_MS = 30_000
export const LIBRETRANSLATE_BATCH_SIZE = 25
/** The version in the identity when `/frontend/settings` names none (stock LibreTranslate does not). */
export const LIBRETRANSLATE_DEFAULT_VERSION = '1'

interface LanguageEntry {
  code: string
  targets?: string[]
}

type Endpoint =
  { ok: true; base: string; host: string } | { ok: false; status: Extract<EngineStatus, { state: 'not_installed' | 'unavailable' }> }

export function createLibreTranslateEngine(options: LibreTranslateOptions): TranslationEngine {
  const fetchImpl = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? LIBRETRANSLATE_TIMEOUT_MS
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? LIBRETRANSLATE_BATCH_SIZE))
  const apiKey = options.apiKey?.trim() || undefined
  const endpoint = parseBaseUrl(options.baseUrl)

  function requireEndpoint(): { base: string; host: string } {
    if (!endpoint.ok) throw new ApiError('engine_unavailable', endpoint.status.fix)
    return endpoint
  }

  /** One HTTP exchange with the server, every failure turned into an error a user can act on. */
  async function request(path: string, init: { method: 'GET' | 'POST'; body?: unknown }, signal?: AbortSignal): Promise<unknown> {
    const { base } = requireEndpoint()
    const url = `${base}${path}`
    throwIfAborted(signal)
    const timeout = AbortSignal.timeout(timeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    try {
      const response = await fetchImpl(url, {
        method: init.method,
        signal: combined,
        headers:
          init.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      })
      const text = await response.text()
      if (!response.ok) throw httpError(base, path, response.status, response.statusText, text)
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new ApiError(
          'engine_unavailable',
          `${base} did not answer like a LibreTranslate server. Check its address in Settings.`,
          `${init.method} ${path}: not JSON: ${text.slice(0, 200)}`,
        )
      }
    } catch (error) {
      if (signal?.aborted) throw abortError(signal)
      if (error instanceof ApiError) throw error
      if (timeout.aborted) {
        throw new ApiError(
          'engine_unavailable',
          `LibreTranslate at ${base} did not answer within ${formatSeconds(timeoutMs)}. Check that the server is running and not overloaded, then try again.`,
          `${init.method} ${path}: timed out after ${timeoutMs} ms`,
        )
      }
      throw new ApiError('engine_unavailable', unreachableMessage(base), `${init.method} ${path}: ${describe(error)}`)
    }
  }

  async function languages(): Promise<LanguageEntry[]> {
    const body = await request('/languages', { method: 'GET' })
    const entries = parseLanguages(body)
    if (!entries) {
      throw new ApiError(
        'engine_unavailable',
        `${requireEndpoint().base} did not answer like a LibreTranslate server. Check its address in Settings.`,
        'GET /languages: not a list of languages',
      )
    }
    return entries
  }

  async function pairs(): Promise<LanguagePair[]> {
    return pairsOf(await languages())
  }

  async function version(): Promise<string> {
    try {
      const settings = await request('/frontend/settings', { method: 'GET' })
      if (typeof settings === 'object' && settings !== null) {
        const value = (settings as Record<string, unknown>).version
        if (typeof value === 'string' && value.trim()) return value.trim()
        if (typeof value === 'number' && Number.isFinite(value)) return String(value)
      }
    } catch {
      // A compatible server without /frontend/settings still translates; it simply has no version to report.
    }
    return LIBRETRANSLATE_DEFAULT_VERSION
  }

  async function translateBatch(batch: string[], pair: LanguagePair, signal?: AbortSignal): Promise<string[]> {
    const { base } = requireEndpoint()
    const body = await request(
      '/translate',
      {
        method: 'POST',
        body: { q: batch, source: pair.from, target: pair.to, format: 'text', ...(apiKey ? { api_key: apiKey } : {}) },
      },
      signal,
    )
    const translated = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).translatedText : undefined
    // A server that ignores the array form answers a single string; that is only right for a batch of one.
    const texts = typeof translated === 'string' ? [translated] : translated
    if (!Array.isArray(texts) || !texts.every((text): text is string => typeof text === 'string')) {
      throw new ApiError(
        'engine_unavailable',
        `LibreTranslate at ${base} gave an answer Vis-à-vis cannot read. Check that the address in Settings points to a LibreTranslate server.`,
        `POST /translate: translatedText is ${describeValue(translated)}`,
      )
    }
    if (texts.length !== batch.length) {
      throw new ApiError(
        'engine_unavailable',
        `LibreTranslate at ${base} returned ${texts.length} translations for ${batch.length} sentences. Check that the address in Settings points to a LibreTranslate server, or update the server.`,
        `POST /translate: sent ${batch.length} sentences, got ${texts.length}`,
      )
    }
    return texts
  }

  return {
    id: 'libretranslate',

    async status(): Promise<EngineStatus> {
      if (!endpoint.ok) return endpoint.status
      try {
        const entries = await languages()
        if (pairsOf(entries).length === 0) {
          const message = `Your LibreTranslate server at ${endpoint.base} offers no languages yet. Install language models on it, then try again.`
          return { state: 'needs_model', fix: { messageCode: 'libretranslate_no_languages', params: { address: endpoint.base }, message } }
        }
        return { state: 'ready' }
      } catch (error) {
        const message = error instanceof ApiError ? error.message : unreachableMessage(endpoint.base)
        return { state: 'unavailable', fix: { messageCode: 'libretranslate_unreachable', params: { address: endpoint.base }, message } }
      }
    },

    pairs,

    async identity(pair: LanguagePair): Promise<EngineIdentity> {
      const { base, host } = requireEndpoint()
      const [offered, serverVersion] = await Promise.all([pairs(), version()])
      if (!offered.some((p) => p.from === pair.from && p.to === pair.to)) {
        throw new ApiError('engine_unavailable', {
          messageCode: 'libretranslate_no_pair',
          params: { address: base, from: pair.from, to: pair.to },
          message: `Your LibreTranslate server at ${base} does not translate ${pair.from} to ${pair.to}. Install that language pair on the server or pick another engine.`,
        })
      }
      return { engine: 'libretranslate', model: host, version: serverVersion }
    },

    async *translate(sentences: string[], pair: LanguagePair, signal?: AbortSignal): AsyncIterable<TranslatedSentence> {
      throwIfAborted(signal)
      for (let start = 0; start < sentences.length; start += batchSize) {
        throwIfAborted(signal)
        const batch = sentences.slice(start, start + batchSize)
        const targets = await translateBatch(batch, pair, signal)
        for (const [offset, target] of targets.entries()) {
          throwIfAborted(signal)
          yield { index: start + offset, target }
        }
      }
    },

    async close(): Promise<void> {},
  }
}

function parseBaseUrl(raw: string): Endpoint {
  const trimmed = raw.trim()
  if (!trimmed) {
    return {
      ok: false,
      status: {
        state: 'not_installed',
        fix: {
          messageCode: 'libretranslate_no_address',
          message: 'No LibreTranslate server is set. Enter its address (for example http://localhost:5000) in Settings.',
        },
      },
    }
  }
  const parsed = URL.canParse(trimmed) ? new URL(trimmed) : null
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    return {
      ok: false,
      status: {
        state: 'unavailable',
        fix: {
          messageCode: 'libretranslate_bad_address',
          params: { address: trimmed },
          message: `"${trimmed}" is not a web address. Change the LibreTranslate address in Settings (for example http://localhost:5000).`,
        },
      },
    }
  }
  parsed.search = ''
  parsed.hash = ''
  const base = parsed.href.replace(/\/+$/, '')
  return { ok: true, base, host: parsed.host }
}

function parseLanguages(body: unknown): LanguageEntry[] | null {
  if (!Array.isArray(body)) return null
  const entries: LanguageEntry[] = []
  for (const item of body) {
    if (typeof item !== 'object' || item === null) return null
    const { code, targets } = item as Record<string, unknown>
    if (typeof code !== 'string' || !code) return null
    const entry: LanguageEntry = { code }
    if (Array.isArray(targets)) entry.targets = targets.filter((t): t is string => typeof t === 'string' && t.length > 0)
    entries.push(entry)
  }
  return entries
}

/** Each language's `targets` when the server lists them; otherwise every other language it knows. */
function pairsOf(entries: LanguageEntry[]): LanguagePair[] {
  const codes = [...new Set(entries.map((entry) => entry.code))]
  const seen = new Set<string>()
  const result: LanguagePair[] = []
  for (const entry of entries) {
    for (const to of entry.targets ?? codes) {
      const key = `${entry.code}\u0000${to}`
      if (to === entry.code || seen.has(key)) continue
      seen.add(key)
      result.push({ from: entry.code, to })
    }
  }
  return result
}

function httpError(base: string, path: string, status: number, statusText: string, text: string): ApiError {
  const said = serverMessage(text)
  const quoted = said ? ` (it said: "${said}")` : ''
  const detail = `${path}: HTTP ${status} ${statusText}: ${text.slice(0, 500)}`
  switch (status) {
    case 400:
      return new ApiError(
        'engine_unavailable',
        `LibreTranslate at ${base} refused the request${quoted}. Check that it offers this language pair, and that its text limit allows a batch of sentences.`,
        detail,
      )
    case 401:
    case 403:
      return new ApiError(
        'engine_unavailable',
        `LibreTranslate at ${base} refused the API key${quoted}. Enter a valid API key in Settings.`,
        detail,
      )
    case 404:
      return new ApiError(
        'engine_unavailable',
        `${base} has no LibreTranslate API at ${path}. Check the LibreTranslate address in Settings.`,
        detail,
      )
    case 429:
      return new ApiError(
        'engine_unavailable',
        `LibreTranslate at ${base} is limiting how often it can be asked${quoted}. Wait a minute and try again, or raise the server's request limit.`,
        detail,
      )
    default:
      if (status >= 500) {
        return new ApiError(
          'engine_unavailable',
          `LibreTranslate at ${base} failed with an internal error (${status})${quoted}. Check the server's log, or restart it.`,
          detail,
        )
      }
      return new ApiError('engine_unavailable', `LibreTranslate at ${base} answered ${status} ${statusText}${quoted}.`.trim(), detail)
  }
}

/** LibreTranslate errors are `{ "error": "..." }`. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as unknown
    if (typeof body === 'object' && body !== null) {
      const error = (body as Record<string, unknown>).error
      if (typeof error === 'string') return error.trim().slice(0, 200)
    }
  } catch {
    // Not JSON: a proxy's HTML page, say. Not worth showing.
  }
  return ''
}

function unreachableMessage(base: string): string {
  return `Vis-à-vis cannot reach LibreTranslate. Start your LibreTranslate server at ${base} or change its address in Settings.`
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal)
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  if (reason instanceof Error && reason.name === 'AbortError') return reason
  return new DOMException('The translation was stopped.', 'AbortError')
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
    return `${error.name}: ${error.message}${cause}`
  }
  return String(error)
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing'
  if (Array.isArray(value)) return `an array of ${value.length} with non-strings`
  return typeof value
}
