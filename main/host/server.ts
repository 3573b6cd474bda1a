import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, resolve, sep } from 'node:path'

import { CONTENT_SECURITY_POLICY } from '../api/content-security-policy'
import { isMethodName } from '../api/contract'
import { createDispatcher } from '../api/dispatch'
import type { ErrorCode } from '../api/errors'
import type { Core } from '../core/core'

export interface HostOptions {
  core: Core
  /** The built renderer (`out/renderer`). */
  staticDir: string
  port?: number
  token?: string
}

export interface RunningHost {
  url: string
  port: number
  token: string
  /** Where the server listens: always 127.0.0.1. */
  address: AddressInfo
  close(): Promise<void>
}

const MAX_BODY_BYTES = 40 * 1024 * 1024
/** Bodies held in memory at once, across requests: past it, a request is turned away until others finish. */
const MAX_BUFFERED_BODY_BYTES = 96 * 1024 * 1024
/** Events waiting for a client that does not read them; past it, the client is dropped (it reconnects and reloads). */
const MAX_STREAM_BACKLOG_BYTES = 1024 * 1024
/** How long closing lets requests still being answered finish before every connection is cut. */
const CLOSE_GRACE_MS = 1000
const ALLOWED_HOSTNAMES = ['127.0.0.1', 'localhost']

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  already_exists: 409,
  engine_unavailable: 503,
  corrupt_file: 500,
  newer_version: 409,
  internal: 500,
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
}

/** On every answer. No `Access-Control-Allow-*` header is ever sent: other origins get no way in. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * Door 2: the contract over HTTP on 127.0.0.1 only. `POST /api/<method>` with JSON arguments answers an envelope;
 * `GET /api/events` streams core events (server-sent events). Every `/api/*` request carries the token printed at
 * start-up and comes from no page but this host's own; a request for a host other than 127.0.0.1/localhost is
 * refused (DNS-rebinding defence).
 */
export async function startHost({
  core,
  staticDir,
  port = 0,
  token = randomBytes(24).toString('base64url'),
}: HostOptions): Promise<RunningHost> {
  const dispatch = createDispatcher(core)
  const tokenDigest = digest(token)
  const root = resolve(staticDir)
  const eventStreams = new Set<ServerResponse>()
  const unsubscribe = core.subscribe((event) => {
    const message = `data: ${JSON.stringify(event)}\n\n`
    for (const stream of eventStreams) {
      if (stream.writableLength > MAX_STREAM_BACKLOG_BYTES) {
        eventStreams.delete(stream)
        stream.destroy()
      } else stream.write(message)
    }
  })
  const bodies = { buffered: 0 }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error)
      if (!response.headersSent) sendJson(response, 500, errorBody('internal', 'Internal error.'))
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const port = actualPort()
    if (!isAllowedHost(request.headers.host, port)) return sendText(response, 403, 'Forbidden host.')
    const url = URL.parse(request.url ?? '/', 'http://127.0.0.1')
    if (!url) return sendText(response, 400, 'Bad request.')
    if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, request, response)

    if (!isFromOwnPage(request, port)) return sendJson(response, 403, errorBody('invalid_input', 'Requests from other sites are refused.'))
    // Every /api/* request without the token is refused before anything else is said about it.
    if (!hasToken(request, url, tokenDigest))
      return sendJson(response, 401, errorBody('invalid_input', 'Missing or wrong token: open the address that `visavis serve` printed.'))
    const isEvents = url.pathname === '/api/events'
    const allowed = isEvents ? 'GET' : 'POST'
    if (request.method !== allowed) return sendJson(response, 405, errorBody('invalid_input', `Use ${allowed} here.`), { Allow: allowed })
    if (isEvents) return openEventStream(response)

    const methodName = decodePath(url.pathname.slice('/api/'.length))
    if (methodName === null || !isMethodName(methodName)) return sendJson(response, 404, errorBody('not_found', 'No such API method.'))
    const body = await readJsonBody(request, bodies)
    if (body === TOO_LARGE) return sendJson(response, 413, errorBody('invalid_input', 'The request body is over 40 MB.'))
    if (body === BUSY)
      return sendJson(response, 503, errorBody('internal', 'Vis-à-vis is busy with other large requests; try again in a moment.'))
    if (body === INVALID_BODY) return sendJson(response, 400, errorBody('invalid_input', 'The request body is not valid JSON.'))
    const envelope = await dispatch(methodName, body)
    sendJson(response, envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code], envelope)
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
    response.write(': connected\n\n')
    eventStreams.add(response)
    response.on('close', () => eventStreams.delete(response))
  }

  /** Files of the built renderer, and nothing else: no folder listing, no way out of the folder. */
  async function serveStatic(pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.', { Allow: 'GET, HEAD' })
    const relative = pathname === '/' ? 'index.html' : decodePath(pathname)?.replace(/^\/+/, '')
    const file = relative && !/[\\\0]/.test(relative) ? resolve(root, relative) : null
    const content = file?.startsWith(root + sep) ? await readFile(file).catch(() => null) : null
    if (!file || !content) return sendText(response, 404, 'Not found.')
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    })
    response.end(request.method === 'HEAD' ? undefined : content)
  }

  const actualPort = () => (server.address() as AddressInfo).port
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })

  return {
    url: `http://127.0.0.1:${actualPort()}/?token=${token}`,
    port: actualPort(),
    token,
    address: server.address() as AddressInfo,
    close: async () => {
      unsubscribe()
      for (const stream of eventStreams) stream.end()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // server.close() waits for every connection, and a browser holds some open with no request on them (a socket
      // opened ahead of need, one kept alive after a request that finished while closing): after a grace, cut them.
      const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS)
      await closed
      clearTimeout(cutOff)
    },
  }
}

function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false
  const match = /^(.+):(\d+)$/.exec(hostHeader)
  const hostname = match ? match[1]! : hostHeader
  return ALLOWED_HOSTNAMES.includes(hostname.toLowerCase()) && (!match || Number(match[2]) === port)
}

/**
 * A browser says which page sent a request: `Origin` (on every POST, and on cross-origin GETs) and `Sec-Fetch-Site`.
 * Only this host's own page may call the API; a request naming neither comes from a tool such as curl, or is a
 * same-origin GET (the event stream), and still needs the token.
 */
function isFromOwnPage(request: IncomingMessage, port: number): boolean {
  const { origin } = request.headers
  if (origin !== undefined && !ALLOWED_HOSTNAMES.some((hostname) => origin === `http://${hostname}:${port}`)) return false
  const site = request.headers['sec-fetch-site']
  return site === undefined || site === 'same-origin' || site === 'none'
}

/** The token comes as `Authorization: Bearer …`, or as `?token=` where a header cannot be set (EventSource). */
function hasToken(request: IncomingMessage, url: URL, tokenDigest: Buffer): boolean {
  const header = request.headers.authorization
  const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : url.searchParams.get('token')
  // Comparing digests takes the same time whatever the length and content of the guess.
  return !!given && timingSafeEqual(digest(given), tokenDigest)
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

/** A URL path decoded, or null when its %-escapes are broken. */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}

const INVALID_BODY = Symbol('invalid body')
const TOO_LARGE = Symbol('body too large')
const BUSY = Symbol('too many bodies at once')

/**
 * Reads a JSON body. What it may hold is reserved in `bodies.buffered` (shared by every request) before it is read,
 * from its declared length, so that when too much arrives at once the latest requests are turned away whole.
 */
async function readJsonBody(request: IncomingMessage, bodies: { buffered: number }): Promise<unknown> {
  const declared = Math.min(Number(request.headers['content-length']) || 0, MAX_BODY_BYTES + 1)
  const chunks: Buffer[] = []
  let size = 0
  let reserved = 0
  let refusal: typeof TOO_LARGE | typeof BUSY | null = declared > MAX_BODY_BYTES ? TOO_LARGE : null
  const reserve = (bytes: number) => {
    if (bodies.buffered + bytes > MAX_BUFFERED_BODY_BYTES) return false
    bodies.buffered += bytes
    reserved += bytes
    return true
  }
  if (!refusal && !reserve(declared)) refusal = BUSY
  try {
    // Once refused, the rest is read and dropped, so the refusal can still be sent on the connection.
    for await (const chunk of request) {
      size += (chunk as Buffer).length
      if (refusal) continue
      if (size > MAX_BODY_BYTES) refusal = TOO_LARGE
      else if (size > reserved && !reserve(size - reserved)) refusal = BUSY
      else chunks.push(chunk as Buffer)
    }
    if (refusal) return refusal
    if (size === 0) return {}
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return INVALID_BODY
  } finally {
    bodies.buffered -= reserved
  }
}

function errorBody(code: ErrorCode, message: string) {
  return { ok: false, error: { code, message } }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  response.end(JSON.stringify(body))
}

function sendText(response: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(text)
}
