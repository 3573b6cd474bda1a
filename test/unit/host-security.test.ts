/**
 * The browser host against a hostile web: other origins, preflights, path tricks, sniffing, framing, token guessing,
 * and other network interfaces. Every answer the tests get is also checked for CORS headers and `nosniff`.
 */
import { timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { type IncomingHttpHeaders, request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { type RunningHost, startHost } from '../../main/host/server'
import { canConnect, httpRequest, rawExchange, type RawRequest, type RawResponse } from '../support/hostile-http'
import { useLibraries } from '../support/temp-dir'

// Spy on the comparison the host uses, to see that it compares equal lengths whatever the guess.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

const SECRET = 'TOP-SECRET-MARKER-5f1c'
const RENDERER_HTML = join(import.meta.dirname, '../../renderer/index.html')

describe('browser host security', () => {
  const { tempDir, openCore } = useLibraries()
  let host: RunningHost | undefined
  let secretPath = ''

  afterEach(async () => {
    await host?.close()
    host = undefined
  })

  async function start(): Promise<RunningHost> {
    const root = await tempDir()
    const staticDir = join(root, 'static')
    await mkdir(join(staticDir, 'assets'), { recursive: true })
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Vis-à-vis</title>')
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    secretPath = join(root, 'secret.txt')
    await writeFile(secretPath, SECRET)
    host = await startHost({ core: await openCore({ libraryDir: join(root, 'library'), engines: [] }), staticDir })
    return host
  }

  /** Any request; every answer must be free of CORS headers and carry `nosniff`. */
  async function send(h: RunningHost, options: RawRequest): Promise<RawResponse> {
    const response = await httpRequest(h.port, options)
    const cors = Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))
    expect(cors, `${options.method ?? 'GET'} ${options.path}`).toEqual([])
    expect(response.headers['x-content-type-options'], `${options.method ?? 'GET'} ${options.path}`).toBe('nosniff')
    return response
  }

  const callApi = (h: RunningHost, method: string, args: unknown, headers: Record<string, string> = {}) =>
    send(h, {
      path: `/api/${method}`,
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(args),
    })

  describe('binding', () => {
    it('listens on 127.0.0.1 only', async () => {
      const h = await start()
      expect(h.address).toEqual({ address: '127.0.0.1', family: 'IPv4', port: h.port })
      expect(await canConnect('127.0.0.1', h.port)).toBe(true)
      const elsewhere = [
        '127.0.0.2',
        '::1',
        ...Object.values(networkInterfaces())
          .flat()
          .filter((info) => info && !info.internal)
          .map((info) => info!.address),
      ]
      for (const address of elsewhere) expect(await canConnect(address, h.port), address).toBe(false)
    })
  })

  describe('origins', () => {
    it.each([
      ['no Origin (curl, the CLI)', {}],
      ['its own 127.0.0.1 origin', { Origin: 'http://127.0.0.1:PORT' }],
      ['its own localhost origin', { Origin: 'http://localhost:PORT' }],
      ['Sec-Fetch-Site: same-origin', { Origin: 'http://127.0.0.1:PORT', 'Sec-Fetch-Site': 'same-origin' }],
      ['Sec-Fetch-Site: none (typed in the address bar)', { 'Sec-Fetch-Site': 'none' }],
    ])('answers an API call with %s', async (_what, headers) => {
      const h = await start()
      const response = await callApi(h, 'listArticles', {}, withPort(headers, h.port))
      expect(response.status).toBe(200)
    })

    it.each([
      'http://evil.example',
      'https://evil.example',
      'null',
      'http://127.0.0.1',
      'https://127.0.0.1:PORT',
      'http://127.0.0.1:OTHER',
      'http://localhost:OTHER',
      'http://[::1]:PORT',
      'http://0.0.0.0:PORT',
      'http://127.0.0.1:PORT.evil.example',
      'http://localhost.evil.example:PORT',
      'http://evil.example:PORT',
      'http://127.0.0.1:PORT/',
      'HTTP://127.0.0.1:PORT ',
      'http://127.0.0.1:PORT, http://evil.example',
      'file://',
      'chrome-extension://abcdefghijklmnop',
    ])('refuses with 403 an API call from the origin %s, and does nothing', async (origin) => {
      const h = await start()
      const headers = withPort({ Origin: origin }, h.port)
      const imported = await callApi(h, 'importText', { text: 'Titre\n\nUn paragraphe venu d’ailleurs.' }, headers)
      expect(imported.status).toBe(403)
      expect(JSON.parse(imported.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      const events = await send(h, { path: `/api/events?token=${h.token}`, headers })
      expect(events.status).toBe(403)
      expect(JSON.parse((await callApi(h, 'listArticles', {})).body)).toEqual({ ok: true, result: [] })
    })

    it.each(['cross-site', 'same-site'])('refuses a call the browser marks Sec-Fetch-Site: %s, even without Origin', async (site) => {
      const h = await start()
      expect((await callApi(h, 'listArticles', {}, { 'Sec-Fetch-Site': site })).status).toBe(403)
    })

    it('answers a CORS preflight without any Access-Control header: 403 from another origin, else 401 (no token)', async () => {
      const h = await start()
      const preflight = {
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      }
      const foreign = await send(h, {
        path: '/api/importText',
        method: 'OPTIONS',
        headers: { ...preflight, Origin: 'http://evil.example' },
      })
      expect(foreign.status).toBe(403)
      const own = await send(h, {
        path: '/api/importText',
        method: 'OPTIONS',
        headers: { ...preflight, Origin: `http://127.0.0.1:${h.port}` },
      })
      expect(own.status).toBe(401)
      expect(Object.keys(own.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
      expect((await send(h, { path: '/api/importText', method: 'OPTIONS' })).status).toBe(401)
      const withToken = await send(h, { path: '/api/importText', method: 'OPTIONS', headers: { Authorization: `Bearer ${h.token}` } })
      expect(withToken.status).toBe(405)
      expect(withToken.headers.allow).toBe('POST')
      expect((await send(h, { path: '/', method: 'OPTIONS', headers: { Origin: 'http://evil.example' } })).status).toBe(405)
    })

    it('sends no CORS header on a successful call that names its origin either', async () => {
      const h = await start()
      const response = await callApi(h, 'listArticles', {}, { Origin: `http://localhost:${h.port}` })
      expect(response.status).toBe(200)
    })
  })

  describe('methods and paths', () => {
    it('answers 405 to the wrong HTTP method, with Allow', async () => {
      const h = await start()
      const get = await send(h, { path: `/api/listArticles?token=${h.token}` })
      expect([get.status, get.headers.allow]).toEqual([405, 'POST'])
      const postEvents = await send(h, { path: `/api/events?token=${h.token}`, method: 'POST' })
      expect([postEvents.status, postEvents.headers.allow]).toEqual([405, 'GET'])
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) expect((await send(h, { path: '/', method })).status, method).toBe(405)
    })

    it('answers 404, never 500, to broken %-escapes', async () => {
      const h = await start()
      for (const path of ['/api/%E0%A4%A', '/api/%', '/api/%zz', '/api/%c0%ae', '/api/%ED%A0%80']) {
        const response = await callApi(h, path.slice('/api/'.length), {})
        expect(response.status, path).toBe(404)
        expect(JSON.parse(response.body), path).toMatchObject({ ok: false, error: { code: 'not_found' } })
      }
      for (const path of ['/%E0%A4%A', '/%', '/assets/%c0%ae%c0%ae', '/%ff']) expect((await send(h, { path })).status, path).toBe(404)
    })

    it('lists no folder', async () => {
      const h = await start()
      for (const path of ['/assets', '/assets/', '/assets/.', '/assets/%2e', '/assets%2f', '/./assets/']) {
        const response = await send(h, { path })
        expect(response.status, path).toBe(404)
        expect(response.body, path).not.toContain('app.js')
      }
    })

    it('lets no path out of the renderer folder: encoded, double-encoded, backslashes, null bytes, overlong UTF-8', async () => {
      const h = await start()
      const absolute = secretPath
      const paths = [
        '/../secret.txt',
        '/../../secret.txt',
        '/assets/../../secret.txt',
        '/%2e%2e/secret.txt',
        '/%2E%2E/secret.txt',
        '/%2e%2e%2fsecret.txt',
        '/..%2fsecret.txt',
        '/..%2Fsecret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
        '/%252e%252e%252fsecret.txt',
        '/%252e%252e/secret.txt',
        '/..%255csecret.txt',
        '/..\\secret.txt',
        '/assets\\..\\..\\secret.txt',
        '/..%5csecret.txt',
        '/..%5Csecret.txt',
        '/%2e%2e%5csecret.txt',
        '/..%00/secret.txt',
        '/%00../secret.txt',
        '/index.html%00',
        '/index.html%00.js',
        '/%00',
        '/%c0%ae%c0%ae/secret.txt',
        '/%c0%ae%c0%ae%c0%afsecret.txt',
        '/%e0%80%ae%e0%80%ae/secret.txt',
        '/....//secret.txt',
        '/..;/secret.txt',
        '/.%2e/secret.txt',
        `/${encodeURIComponent(absolute)}`,
        `/%2f${absolute.slice(1)}`,
        `//${absolute.slice(1)}`,
        `/${absolute}`,
      ]
      for (const path of paths) {
        const response = await send(h, { path })
        expect([400, 404], path).toContain(response.status)
        expect(response.body, path).not.toContain(SECRET)
      }
    })

    it('answers raw request lines node:http would not send with 400 or 404, never the file', async () => {
      const h = await start()
      const lines = [
        'GET /..\\..\\secret.txt HTTP/1.1',
        'GET /../secret.txt HTTP/1.1',
        `GET http://127.0.0.1:${h.port}/../secret.txt HTTP/1.1`,
        `GET http://127.0.0.1:${h.port}/%2e%2e/secret.txt HTTP/1.1`,
        'GET http://[ HTTP/1.1',
        'GET /\0/../secret.txt HTTP/1.1',
        'GET ../secret.txt HTTP/1.1',
        'GET * HTTP/1.1',
      ]
      for (const line of lines) {
        const { status, text } = await rawExchange(h.port, `${line}\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`)
        expect([400, 404], line).toContain(status)
        expect(text, line).not.toContain(SECRET)
      }
      expect((await send(h, { path: '/' })).status).toBe(200) // still serving
    })

    it('answers 413 to a body over 40 MB, on a connection that still gets the answer', async () => {
      const h = await start()
      const response = await callApi(h, 'importText', { text: 'a'.repeat(41 * 1024 * 1024) })
      expect(response.status).toBe(413)
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    })
  })

  describe('headers', () => {
    it('sends nosniff on every kind of answer', async () => {
      const h = await start()
      // `send` checks nosniff and the absence of CORS headers on each.
      await send(h, { path: '/' })
      await send(h, { path: '/assets/app.js' })
      await send(h, { path: '/nope' })
      await send(h, { path: '/', headers: { Host: 'evil.example' } })
      await send(h, { path: '/api/listArticles', method: 'POST', body: '{}' })
      await callApi(h, 'listArticles', {})
      await callApi(h, 'getArticle', { id: 'bad' })
      const events = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: h.port, path: `/api/events?token=${h.token}` }, (res) => {
          resolve(res.headers)
          req.destroy()
        })
        req.on('error', reject)
        req.end()
      })
      expect(events['content-type']).toBe('text/event-stream')
      expect(Object.keys(events).filter((name) => name.startsWith('access-control-'))).toEqual([])
      expect(events['x-content-type-options']).toBe('nosniff')
    })

    it('sends a Content-Security-Policy with the HTML, consistent with the <meta> of renderer/index.html', async () => {
      const h = await start()
      const page = await send(h, { path: '/' })
      expect(page.headers['content-type']).toContain('text/html')
      const header = parsePolicy(String(page.headers['content-security-policy']))
      expect(header).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'frame-ancestors': "'none'",
        'form-action': "'none'",
      })
      const meta = parsePolicy(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(await readFile(RENDERER_HTML, 'utf8'))![1]!)
      // The same policy, plus what only a header can carry.
      expect(header).toEqual({ ...meta, 'frame-ancestors': "'none'" })
      expect(JSON.stringify(header)).not.toMatch(/unsafe-|\*|http:|https:/)
      expect(page.headers['x-frame-options']).toBe('DENY')
      expect(page.headers['referrer-policy']).toBe('no-referrer')
    })
  })

  describe('token', () => {
    it('refuses every wrong token, comparing digests of equal length whatever the guess', async () => {
      const h = await start()
      const compare = vi.mocked(timingSafeEqual)
      compare.mockClear()
      const last = h.token.at(-1) === 'A' ? 'B' : 'A'
      const guesses = [
        'x',
        h.token.slice(0, -1),
        `${h.token}x`,
        `${h.token.slice(0, -1)}${last}`,
        h.token.toUpperCase(),
        'é'.repeat(64),
        'a'.repeat(4096),
      ]
      for (const guess of guesses) {
        const viaHeader = await send(h, {
          path: '/api/listArticles',
          method: 'POST',
          headers: { Authorization: `Bearer ${guess}` },
          body: '{}',
        })
        const viaQuery = await send(h, { path: `/api/listArticles?token=${encodeURIComponent(guess)}`, method: 'POST', body: '{}' })
        expect([viaHeader.status, viaQuery.status], guess).toEqual([401, 401])
      }
      expect(compare).toHaveBeenCalledTimes(guesses.length * 2)
      for (const [a, b] of compare.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32])
      expect((await callApi(h, 'listArticles', {})).status).toBe(200)
    })

    it('refuses an empty token and the token in another scheme', async () => {
      const h = await start()
      for (const authorization of ['Bearer ', 'Bearer', `Basic ${h.token}`, `bearer ${h.token}`, `Bearer  ${h.token}`]) {
        const response = await send(h, { path: '/api/listArticles', method: 'POST', headers: { Authorization: authorization }, body: '{}' })
        expect(response.status, authorization).toBe(401)
      }
    })
  })
})

function withPort(headers: Record<string, string>, port: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', String(port)).replace('OTHER', String(port + 1))]),
  )
}

function parsePolicy(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  )
}
