import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, resolve, sep } from 'node:path'
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
  close(): Promise<void>
}

const MAX_BODY_BYTES = 40 * 1024 * 1024
const ALLOWED_HOSTNAMES = new Set(['127.0.0.1', 'localhost'])

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  already_exists: 409,
  engine_unavailable: 503,
  corrupt_file: 500,
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

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * Door 2: the contract over HTTP on 127.0.0.1 only. `POST /api/<method>` with JSON arguments answers an envelope;
 * `GET /api/events` streams core events (server-sent events). Every `/api/*` request carries the token printed at
 * start-up; a request for a host other than 127.0.0.1/localhost is refused (DNS-rebinding defence).
 */
export async function startHost({
  core,
  staticDir,
  port = 0,
  token = randomBytes(24).toString('base64url'),
}: HostOptions): Promise<RunningHost> {
  const dispatch = createDispatcher(core)
  const eventStreams = new Set<ServerResponse>()
  const unsubscribe = core.subscribe((event) => {
    for (const stream of eventStreams) stream.write(`data: ${JSON.stringify(event)}\n\n`)
  })

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error)
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } })
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, actualPort())) return sendText(response, 403, 'Forbidden host.')
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, request, response)
    if (!hasToken(request, url, token))
      return sendJson(response, 401, errorBody('invalid_input', 'Missing or wrong token: open the address that `visavis serve` printed.'))
    if (url.pathname === '/api/events' && request.method === 'GET') return openEventStream(response)
    if (request.method !== 'POST') return sendJson(response, 405, errorBody('invalid_input', 'Use POST for API calls.'))
    const body = await readJsonBody(request)
    if (body === INVALID_BODY) return sendJson(response, 400, errorBody('invalid_input', 'The request body is not valid JSON.'))
    const envelope = await dispatch(decodeURIComponent(url.pathname.slice('/api/'.length)), body)
    sendJson(response, envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code], envelope)
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
    response.write(': connected\n\n')
    eventStreams.add(response)
    response.on('close', () => eventStreams.delete(response))
  }

  async function serveStatic(pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.')
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    const root = resolve(staticDir)
    const file = resolve(root, relative)
    if (!file.startsWith(root + sep)) return sendText(response, 404, 'Not found.')
    const content = await readFile(file).catch(() => null)
    if (!content) return sendText(response, 404, 'Not found.')
    response.writeHead(200, {
      ...SECURITY_HEADERS,
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
    close: async () => {
      unsubscribe()
      for (const stream of eventStreams) stream.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false
  const match = /^(.+):(\d+)$/.exec(hostHeader)
  const hostname = match ? match[1]! : hostHeader
  return ALLOWED_HOSTNAMES.has(hostname.toLowerCase()) && (!match || Number(match[2]) === port)
}

/** The token comes as `Authorization: Bearer …`, or as `?token=` where a header cannot be set (EventSource). */
function hasToken(request: IncomingMessage, url: URL, token: string): boolean {
  const header = request.headers.authorization
  const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : url.searchParams.get('token')
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

const INVALID_BODY = Symbol('invalid body')

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return INVALID_BODY
    chunks.push(chunk as Buffer)
  }
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return INVALID_BODY
  }
}

function errorBody(code: ErrorCode, message: string) {
  return { ok: false, error: { code, message } }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(JSON.stringify(body))
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(text)
}
