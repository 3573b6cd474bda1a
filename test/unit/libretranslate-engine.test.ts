import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import { ApiError } from '../../main/api/errors'
import type { TranslatedSentence } from '../../main/core/translation/engine'
import { createLibreTranslateEngine } from '../../main/core/translation/libretranslate/libretranslate-engine'

/** What the stand-in server answers to POST /translate: a status and body, or no answer at all. */
type TranslateReply = { status: number; body: unknown } | 'hang'

interface RecordedRequest {
  method: string
  path: string
  body: unknown
}

interface FakeServer {
  url: string
  port: number
  requests: RecordedRequest[]
  languages: unknown
  settings: unknown
  translate: (body: Record<string, unknown>) => TranslateReply
  close(): Promise<void>
}

/** The test's own "translation": deterministic and visibly different from the input. */
function standIn(text: string, target: string): string {
  return `${target}:${text.toUpperCase()}`
}

function defaultTranslate(body: Record<string, unknown>): TranslateReply {
  const { q, target } = body
  if (typeof target !== 'string') return { status: 400, body: { error: 'Invalid request: missing target parameter' } }
  if (typeof q === 'string') return { status: 200, body: { translatedText: standIn(q, target) } }
  if (Array.isArray(q)) return { status: 200, body: { translatedText: q.map((text) => standIn(String(text), target)) } }
  return { status: 400, body: { error: 'Invalid request: missing q parameter' } }
}

const servers: Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (text += chunk))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

/** A small loopback server speaking the parts of the LibreTranslate API the engine uses. */
async function startFakeServer(): Promise<FakeServer> {
  const fake: Omit<FakeServer, 'url' | 'port' | 'close'> = {
    requests: [],
    languages: [
      { code: 'en', name: 'English', targets: ['fr', 'es'] },
      { code: 'fr', name: 'French', targets: ['en'] },
      { code: 'es', name: 'Spanish', targets: ['en'] },
    ],
    settings: { charLimit: -1, keyRequired: false, version: '1.6.5' },
    translate: defaultTranslate,
  }
  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req)
      let body: unknown = null
      if (text) body = JSON.parse(text) as unknown
      const path = req.url ?? ''
      fake.requests.push({ method: req.method ?? '', path, body })
      if (req.method === 'GET' && path === '/languages') return sendJson(res, 200, fake.languages)
      if (req.method === 'GET' && path === '/frontend/settings') {
        if (fake.settings === null) return sendJson(res, 404, { error: 'Not Found' })
        return sendJson(res, 200, fake.settings)
      }
      if (req.method === 'POST' && path === '/translate') {
        const reply = fake.translate((body ?? {}) as Record<string, unknown>)
        if (reply === 'hang') return
        return sendJson(res, reply.status, reply.body)
      }
      sendJson(res, 404, { error: 'Not Found' })
    })()
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  })
}

/** A port that was just listening on 127.0.0.1 and now refuses connections. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function collect(iterable: AsyncIterable<TranslatedSentence>): Promise<TranslatedSentence[]> {
  const out: TranslatedSentence[] = []
  for await (const sentence of iterable) out.push(sentence)
  return out
}

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the promise to reject')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  expect((error as ApiError).code).toBe('engine_unavailable')
  return error as ApiError
}

function sentences(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `phrase ${i}`)
}

const FR_EN = { from: 'fr', to: 'en' }

function translateRequests(server: FakeServer): RecordedRequest[] {
  return server.requests.filter((r) => r.path === '/translate')
}

describe('LibreTranslate engine: languages and status', () => {
  it('lists the pairs from each language’s targets', async () => {
    const server = await startFakeServer()
    const engine = createLibreTranslateEngine({ baseUrl: server.url })
    expect(engine.id).toBe('libretranslate')
    expect(await engine.pairs()).toEqual([
      { from: 'en', to: 'fr' },
      { from: 'en', to: 'es' },
      { from: 'fr', to: 'en' },
      { from: 'es', to: 'en' },
    ])
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /languages'])
  })

  it('pairs every language with every other one when the server lists no targets', async () => {
    const server = await startFakeServer()
    server.languages = [
      { code: 'fr', name: 'French' },
      { code: 'en', name: 'English' },
      { code: 'ca', name: 'Catalan' },
    ]
    const engine = createLibreTranslateEngine({ baseUrl: `${server.url}/` })
    expect(await engine.pairs()).toEqual([
      { from: 'fr', to: 'en' },
      { from: 'fr', to: 'ca' },
      { from: 'en', to: 'fr' },
      { from: 'en', to: 'ca' },
      { from: 'ca', to: 'fr' },
      { from: 'ca', to: 'en' },
    ])
  })

  it('is ready when /languages answers', async () => {
    const server = await startFakeServer()
    expect(await createLibreTranslateEngine({ baseUrl: server.url }).status()).toEqual({ state: 'ready' })
  })

  it('asks for a server address when none is configured', async () => {
    const engine = createLibreTranslateEngine({ baseUrl: '  ' })
    const status = await engine.status()
    expect(status.state).toBe('not_installed')
    expect(status.state !== 'ready' && status.fix).toMatchObject({
      messageCode: 'libretranslate_no_address',
      message: expect.stringMatching(/Settings/),
    })
    expect((await apiErrorOf(engine.pairs())).message).toMatch(/No LibreTranslate server is set/)
    expect((await apiErrorOf(engine.identity(FR_EN))).message).toMatch(/No LibreTranslate server is set/)
    await expect(collect(engine.translate(['Bonjour.'], FR_EN))).rejects.toMatchObject({ code: 'engine_unavailable' })
  })

  it('is unavailable, naming the address, when the server is down', async () => {
    const port = await closedPort()
    const status = await createLibreTranslateEngine({ baseUrl: `http://127.0.0.1:${port}` }).status()
    expect(status).toEqual({
      state: 'unavailable',
      fix: {
        messageCode: 'libretranslate_unreachable',
        params: { address: `http://127.0.0.1:${port}` },
        message: `Vis-à-vis cannot reach LibreTranslate. Start your LibreTranslate server at http://127.0.0.1:${port} or change its address in Settings.`,
      },
    })
  })

  it('is unavailable when the address is not a web address', async () => {
    const status = await createLibreTranslateEngine({ baseUrl: 'localhost 5000' }).status()
    expect(status.state).toBe('unavailable')
    expect(status.state !== 'ready' && status.fix).toMatchObject({
      messageCode: 'libretranslate_bad_address',
      params: { address: 'localhost 5000' },
      message: expect.stringMatching(/not a web address.*Settings/),
    })
  })

  it('needs a model when the server offers no languages', async () => {
    const server = await startFakeServer()
    server.languages = []
    const status = await createLibreTranslateEngine({ baseUrl: server.url }).status()
    expect(status).toMatchObject({ state: 'needs_model', fix: { messageCode: 'libretranslate_no_languages' } })
  })

  it('is unavailable when the address answers something other than LibreTranslate', async () => {
    const server = await startFakeServer()
    server.languages = { hello: 'world' }
    const status = await createLibreTranslateEngine({ baseUrl: server.url }).status()
    expect(status.state).toBe('unavailable')
    expect(status.state !== 'ready' && status.fix.message).toMatch(/did not answer like a LibreTranslate server/)
  })
})

describe('LibreTranslate engine: identity', () => {
  it('names the host and the version from /frontend/settings', async () => {
    const server = await startFakeServer()
    const engine = createLibreTranslateEngine({ baseUrl: server.url })
    expect(await engine.identity(FR_EN)).toEqual({ engine: 'libretranslate', model: `127.0.0.1:${server.port}`, version: '1.6.5' })
  })

  it('falls back to version 1 when the server has no /frontend/settings', async () => {
    const server = await startFakeServer()
    server.settings = null
    const engine = createLibreTranslateEngine({ baseUrl: server.url })
    expect(await engine.identity(FR_EN)).toEqual({ engine: 'libretranslate', model: `127.0.0.1:${server.port}`, version: '1' })
  })

  it('falls back to version 1 when the settings name no version (stock LibreTranslate)', async () => {
    const server = await startFakeServer()
    server.settings = { charLimit: 5000, keyRequired: false }
    expect((await createLibreTranslateEngine({ baseUrl: server.url }).identity(FR_EN)).version).toBe('1')
  })

  it('refuses a pair the server does not offer', async () => {
    const server = await startFakeServer()
    const error = await apiErrorOf(createLibreTranslateEngine({ baseUrl: server.url }).identity({ from: 'fr', to: 'es' }))
    expect(error.message).toMatch(/does not translate fr to es/)
  })

  it('is engine_unavailable when the server is down', async () => {
    const port = await closedPort()
    const error = await apiErrorOf(createLibreTranslateEngine({ baseUrl: `http://127.0.0.1:${port}` }).identity(FR_EN))
    expect(error.message).toContain(`Start your LibreTranslate server at http://127.0.0.1:${port}`)
  })
})

describe('LibreTranslate engine: translate', () => {
  it('batches the sentences and keeps their order', async () => {
    const server = await startFakeServer()
    const engine = createLibreTranslateEngine({ baseUrl: server.url, batchSize: 25 })
    const input = sentences(60)
    const result = await collect(engine.translate(input, FR_EN))
    expect(result).toEqual(input.map((text, index) => ({ index, target: standIn(text, 'en') })))
    const sent = translateRequests(server)
    expect(sent.map((r) => (r.body as { q: string[] }).q.length)).toEqual([25, 25, 10])
    expect(sent.flatMap((r) => (r.body as { q: string[] }).q)).toEqual(input)
    expect(sent[0]?.body).toEqual({ q: input.slice(0, 25), source: 'fr', target: 'en', format: 'text' })
  })

  it('sends batches of 25 by default', async () => {
    const server = await startFakeServer()
    await collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(sentences(30), FR_EN))
    expect(translateRequests(server).map((r) => (r.body as { q: string[] }).q.length)).toEqual([25, 5])
  })

  it('yields a batch as soon as it is done, before asking for the next', async () => {
    const server = await startFakeServer()
    const translation = createLibreTranslateEngine({ baseUrl: server.url, batchSize: 2 }).translate(sentences(5), FR_EN)
    const iterator = translation[Symbol.asyncIterator]()
    expect((await iterator.next()).value).toEqual({ index: 0, target: standIn('phrase 0', 'en') })
    expect(translateRequests(server)).toHaveLength(1)
    await iterator.return?.()
  })

  it('sends no request for no sentences', async () => {
    const server = await startFakeServer()
    expect(await collect(createLibreTranslateEngine({ baseUrl: server.url }).translate([], FR_EN))).toEqual([])
    expect(server.requests).toEqual([])
  })

  it('sends the API key', async () => {
    const server = await startFakeServer()
    await collect(createLibreTranslateEngine({ baseUrl: server.url, apiKey: 'secret-key' }).translate(['Bonjour.'], FR_EN))
    expect(translateRequests(server)[0]?.body).toMatchObject({ api_key: 'secret-key', q: ['Bonjour.'] })
  })

  it('uses the fetch it is given', async () => {
    const server = await startFakeServer()
    const urls: string[] = []
    const spy: typeof fetch = (input, init) => {
      urls.push(String(input))
      return fetch(input, init)
    }
    await collect(createLibreTranslateEngine({ baseUrl: server.url, fetch: spy }).translate(['Bonjour.'], FR_EN))
    expect(urls).toEqual([`${server.url}/translate`])
  })

  it('accepts a single string answer for a batch of one', async () => {
    const server = await startFakeServer()
    server.translate = (body) => ({ status: 200, body: { translatedText: `one:${String((body.q as string[])[0])}` } })
    expect(await collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(['Salut.'], FR_EN))).toEqual([
      { index: 0, target: 'one:Salut.' },
    ])
  })

  it('rejects an answer with fewer translations than sentences', async () => {
    const server = await startFakeServer()
    server.translate = (body) => {
      const reply = defaultTranslate(body)
      if (reply === 'hang' || reply.status !== 200) return reply
      return { status: 200, body: { translatedText: (reply.body as { translatedText: string[] }).translatedText.slice(1) } }
    }
    const error = await apiErrorOf(collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(['Un.', 'Deux.'], FR_EN)))
    expect(error.message).toMatch(/returned 1 translations for 2 sentences/)
  })

  it('rejects an answer it cannot read', async () => {
    const server = await startFakeServer()
    server.translate = () => ({ status: 200, body: { translation: 'hello' } })
    const error = await apiErrorOf(collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(['Un.'], FR_EN)))
    expect(error.message).toMatch(/answer Vis-à-vis cannot read/)
  })

  it('rejects an answer that is not JSON', async () => {
    const server = await startFakeServer()
    server.translate = () => ({ status: 200, body: '<html>proxy</html>' })
    const error = await apiErrorOf(collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(['Un.'], FR_EN)))
    expect(error.message).toMatch(/did not answer like a LibreTranslate server/)
  })

  it.each([
    [400, 'fr is not supported', /refused the request \(it said: "fr is not supported"\).*language pair/],
    [403, 'Invalid API key', /refused the API key \(it said: "Invalid API key"\)\. Enter a valid API key in Settings/],
    [429, 'Too many request limits violations', /Wait a minute and try again/],
    [500, 'Cannot translate text: out of memory', /internal error \(500\).*out of memory.*server's log/],
  ])('turns HTTP %i into an error the user can act on', async (status, serverError, message) => {
    const server = await startFakeServer()
    server.translate = () => ({ status, body: { error: serverError } })
    const error = await apiErrorOf(collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(['Bonjour.'], FR_EN)))
    expect(error.message).toMatch(message)
    expect(error.message).toContain(server.url)
    expect(error.detail).toContain(`HTTP ${status}`)
  })

  it('times out a request that gets no answer', async () => {
    const server = await startFakeServer()
    server.translate = () => 'hang'
    const started = Date.now()
    const error = await apiErrorOf(
      collect(createLibreTranslateEngine({ baseUrl: server.url, timeoutMs: 200 }).translate(['Bonjour.'], FR_EN)),
    )
    expect(error.message).toMatch(/did not answer within 200 ms/)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('stops with an AbortError when aborted before it starts', async () => {
    const server = await startFakeServer()
    const controller = new AbortController()
    controller.abort()
    await expect(
      collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(['Bonjour.'], FR_EN, controller.signal)),
    ).rejects.toMatchObject({ name: 'AbortError' })
    expect(server.requests).toEqual([])
  })

  it('stops with an AbortError when aborted during a request', async () => {
    const server = await startFakeServer()
    server.translate = () => 'hang'
    const controller = new AbortController()
    const pending = collect(createLibreTranslateEngine({ baseUrl: server.url }).translate(['Bonjour.'], FR_EN, controller.signal))
    setTimeout(() => controller.abort(), 50)
    const error: unknown = await pending.catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ name: 'AbortError' })
  })

  it('sends no further batch once aborted', async () => {
    const server = await startFakeServer()
    const controller = new AbortController()
    const seen: TranslatedSentence[] = []
    const run = async () => {
      for await (const sentence of createLibreTranslateEngine({ baseUrl: server.url, batchSize: 2 }).translate(
        sentences(6),
        FR_EN,
        controller.signal,
      )) {
        seen.push(sentence)
        if (sentence.index === 1) controller.abort()
      }
    }
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen.map((s) => s.index)).toEqual([0, 1])
    expect(translateRequests(server)).toHaveLength(1)
  })

  it('tells the user to start the server when it is down', async () => {
    const port = await closedPort()
    const error = await apiErrorOf(
      collect(createLibreTranslateEngine({ baseUrl: `http://127.0.0.1:${port}` }).translate(['Bonjour.'], FR_EN)),
    )
    expect(error.message).toBe(
      `Vis-à-vis cannot reach LibreTranslate. Start your LibreTranslate server at http://127.0.0.1:${port} or change its address in Settings.`,
    )
  })

  it('notices a server that stops between requests', async () => {
    const server = await startFakeServer()
    const engine = createLibreTranslateEngine({ baseUrl: server.url })
    expect(await engine.status()).toEqual({ state: 'ready' })
    await server.close()
    expect((await engine.status()).state).toBe('unavailable')
  })

  it('closes', async () => {
    await expect(createLibreTranslateEngine({ baseUrl: 'http://127.0.0.1:1' }).close()).resolves.toBeUndefined()
  })
})
