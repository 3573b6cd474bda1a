import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'

import { afterEach } from 'vitest'

/** A file the loopback server serves, and how it misbehaves. */
export interface ServedFile {
  body: Buffer
  /** The first full response stops after this many bytes and the connection is cut; later ones are whole. */
  cutAfter?: number
  /** The first full response sends this many bytes and then nothing more, until the client gives up; later ones are whole. */
  stallAfter?: number
  /** Answer every request whole (200), as a server without Range support does. */
  ignoreRange?: boolean
  /**
   * Send `body` gzip-compressed on the way whatever the client accepts, as Firefox's model bucket does with the files
   * `gsutil cp -Z` uploaded: Content-Encoding gzip, a Content-Length (and any range) counting the compressed bytes.
   */
  gzipEncoded?: boolean
  /** Send the body in 16 KB pieces this many milliseconds apart, as a slow line does, so progress can be watched. */
  pieceDelayMs?: number
}

export interface LoopbackServer {
  /** Ends with "/". */
  baseUrl: string
  files: Map<string, ServedFile>
  /** Each request's path and Range header, in order. */
  requests: { path: string; range: string | undefined }[]
  close(): Promise<void>
}

/** An HTTP server on 127.0.0.1 with Range support, closed after each test. */
export function useLoopbackServer(): () => Promise<LoopbackServer> {
  const servers: LoopbackServer[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })
  return async () => {
    const server = await startLoopbackServer()
    servers.push(server)
    return server
  }
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const files = new Map<string, ServedFile>()
  const requests: LoopbackServer['requests'] = []
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    requests.push({ path, range: request.headers.range })
    const file = files.get(path)
    if (!file) return response.writeHead(404).end('not found')
    serve(file, request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    files,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function serve(file: ServedFile, request: IncomingMessage, response: ServerResponse): void {
  const body = file.gzipEncoded ? gzipSync(file.body) : file.body
  const start = file.ignoreRange ? 0 : rangeStart(request.headers.range)
  if (start >= body.length && start > 0) {
    response.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end()
    return
  }
  const headers = {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(body.length - start),
    'Accept-Ranges': 'bytes',
    ...(file.gzipEncoded ? { 'Content-Encoding': 'gzip' } : {}),
  }
  if (start > 0) response.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` })
  else response.writeHead(200, headers)

  if (file.cutAfter !== undefined && start === 0) {
    const cut = file.cutAfter
    delete file.cutAfter
    // The pause lets the client read what was sent: a stream that errors drops the chunks still queued in it.
    response.write(body.subarray(0, cut), () => setTimeout(() => response.destroy(), 100))
    return
  }
  if (file.stallAfter !== undefined && start === 0) {
    const stall = file.stallAfter
    delete file.stallAfter
    response.write(body.subarray(0, stall))
    return
  }
  if (file.pieceDelayMs !== undefined) return sendInPieces(response, body.subarray(start), file.pieceDelayMs)
  response.end(body.subarray(start))
}

const PIECE_BYTES = 16 * 1024

function sendInPieces(response: ServerResponse, body: Buffer, delayMs: number): void {
  const timer = setInterval(() => {
    const piece = body.subarray(0, PIECE_BYTES)
    body = body.subarray(PIECE_BYTES)
    if (body.length > 0) return void response.write(piece)
    clearInterval(timer)
    response.end(piece)
  }, delayMs)
  response.once('close', () => clearInterval(timer))
}

function rangeStart(header: string | undefined): number {
  const match = header ? /^bytes=(\d+)-$/.exec(header) : null
  return match ? Number(match[1]) : 0
}
