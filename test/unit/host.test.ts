import { mkdir, writeFile } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { type RunningHost, startHost } from '../../main/host/server'
import { useLibraries } from '../support/temp-dir'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** node:http rather than fetch, so the test can send any Host header and raw paths. */
function rawRequest(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('browser host', () => {
  const { tempDir, openCore } = useLibraries()
  let host: RunningHost | undefined

  afterEach(async () => {
    await host?.close()
    host = undefined
  })

  async function start(): Promise<RunningHost> {
    const staticDir = await tempDir()
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Vis-à-vis</title>')
    await mkdir(join(staticDir, 'assets'))
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    host = await startHost({ core: await openCore({ libraryDir: await tempDir() }), staticDir })
    return host
  }

  const call = (h: RunningHost, method: string, args: unknown, token = h.token) =>
    rawRequest(h.port, {
      path: `/api/${method}`,
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    })

  it('binds to 127.0.0.1 and prints a URL carrying a random token', async () => {
    const h = await start()
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/?token=${h.token}`)
    expect(h.token.length).toBeGreaterThanOrEqual(32)
    await h.close()
    expect((await start()).token).not.toBe(h.token)
  })

  it('answers API calls that carry the token', async () => {
    const h = await start()
    const imported = await call(h, 'importText', { text: 'Titre\n\nUn paragraphe en français pour tester.' })
    expect(imported.status).toBe(200)
    const listed = await call(h, 'listArticles', {})
    expect(JSON.parse(listed.body)).toMatchObject({ ok: true, result: [{ title: 'Titre' }] })
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer wrong' }],
    ['the token in the wrong scheme', { Authorization: 'Basic abc' }],
  ])('answers 401 to an API call with %s', async (_what, headers) => {
    const h = await start()
    const response = await rawRequest(h.port, { path: '/api/listArticles', method: 'POST', headers, body: '{}' })
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('answers 401 to the event stream without the token', async () => {
    const h = await start()
    expect((await rawRequest(h.port, { path: '/api/events' })).status).toBe(401)
  })

  it.each(['evil.example', 'evil.example:80', '127.0.0.1.nip.io', 'localhost.evil.example'])(
    'answers 403 to the Host %s',
    async (hostHeader) => {
      const h = await start()
      const page = await rawRequest(h.port, { path: '/', headers: { Host: hostHeader } })
      const api = await rawRequest(h.port, {
        path: `/api/listArticles?token=${h.token}`,
        method: 'POST',
        headers: { Host: hostHeader },
        body: '{}',
      })
      expect([page.status, api.status]).toEqual([403, 403])
    },
  )

  it('accepts localhost as Host', async () => {
    const h = await start()
    expect((await rawRequest(h.port, { path: '/', headers: { Host: `localhost:${h.port}` } })).status).toBe(200)
  })

  it('serves the renderer with no directory listing and no path traversal', async () => {
    const h = await start()
    const index = await rawRequest(h.port, { path: '/' })
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toContain('text/html')
    expect((await rawRequest(h.port, { path: '/assets/app.js' })).headers['content-type']).toContain('javascript')
    for (const path of ['/assets/', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      expect((await rawRequest(h.port, { path })).status, path).toBe(404)
    }
  })

  it('turns contract errors into HTTP statuses with the error as data', async () => {
    const h = await start()
    expect((await call(h, 'getArticle', { id: 'zz' })).status).toBe(400)
    expect((await call(h, 'getArticle', { id: '0123456789abcdef' })).status).toBe(404)
    expect((await call(h, 'noSuchMethod', {})).status).toBe(404)
    const badJson = await rawRequest(h.port, {
      path: '/api/listArticles',
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token}` },
      body: '{',
    })
    expect(badJson.status).toBe(400)
  })

  it('streams core events over server-sent events', async () => {
    const h = await start()
    let importCall: Promise<unknown> | undefined
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.port, path: `/api/events?token=${h.token}` }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream')
        let buffer = ''
        res.setEncoding('utf8')
        res.on('error', () => undefined) // the test closes the stream itself once the event arrived
        res.on('data', (chunk: string) => {
          buffer += chunk
          if (buffer.includes(': connected')) importCall ??= call(h, 'importText', { text: 'Titre\n\nUn autre paragraphe.' })
          const data = /data: (.*)\n\n/.exec(buffer)
          if (data) {
            resolve(data[1]!)
            req.destroy()
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(await received)).toMatchObject({ type: 'library.changed', articleIds: [expect.stringMatching(/^[0-9a-f]{16}$/)] })
    expect(await importCall).toMatchObject({ status: 200 })
  })

  it('closes while a browser holds connections open: one opened ahead of need, one kept alive, an event stream', async () => {
    const h = await start()
    host = undefined // closed here
    const unused = connect(h.port, '127.0.0.1')
    await new Promise((resolve) => unused.once('connect', resolve))
    const keptAlive = new Agent({ keepAlive: true })
    const answered = new Promise((resolve) =>
      request({ host: '127.0.0.1', port: h.port, path: '/', agent: keptAlive }, (res) => res.resume().on('end', resolve)).end(),
    )
    await answered
    const streaming = new Promise((resolve) =>
      request({ host: '127.0.0.1', port: h.port, path: `/api/events?token=${h.token}` }, resolve).end(),
    )
    await streaming

    const outcome = await Promise.race([h.close().then(() => 'closed'), delay(10_000).then(() => 'still open after 10 s')])
    unused.destroy()
    keptAlive.destroy()
    expect(outcome).toBe('closed')
  })
})

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
