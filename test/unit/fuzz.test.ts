/**
 * Fuzzes every contract method with random and malformed payloads, through the HTTP door (a real host over a real
 * core) and straight through the dispatcher. Replay a run with the seed it prints:
 *
 *   FUZZ_SEED=123456 npx vitest run test/unit/fuzz.test.ts      (FUZZ_RUNS=… to change the number of calls)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { format, inspect } from 'node:util'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { methodNames } from '../../main/api/contract'
import { createDispatcher } from '../../main/api/dispatch'
import { type Envelope, type ErrorCode, errorCodes, type ErrorData } from '../../main/api/errors'
import { messageCodes } from '../../main/api/messages'
import { createCore } from '../../main/core/core'
import { type RunningHost, startHost } from '../../main/host/server'
import { randomModelFiles, zstdBomb } from '../support/bergamot-fixtures'
import {
  type FuzzWorld,
  hasTemplate,
  invalidJsonBody,
  oddContentType,
  payloadFor,
  Random,
  unknownMethodPath,
  wrongShapeFile,
} from '../support/fuzz-payloads'
import { httpRequest, type RawResponse } from '../support/hostile-http'
import { recordingEngine } from '../support/recording-engine'
import { extractionWorkerOfSources } from '../support/source-worker'
import { useLibraries } from '../support/temp-dir'

// A fixed seed keeps CI repeatable; FUZZ_SEED=<n> (or FUZZ_SEED=random) explores others.
const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 32) : Number(process.env.FUZZ_SEED ?? 20261128)
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 10_000
const replay = `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx vitest run test/unit/fuzz.test.ts`
/** The share of calls that go through HTTP; the rest go straight to the dispatcher. */
const HTTP_SHARE = 0.6
/** Calls after which a file of the library is written over with JSON of the wrong shape. */
const DAMAGE_SHARE = 0.01
const CALL_TIMEOUT_MS = 15_000
const MAX_BODY_BYTES = 40 * 1024 * 1024

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  already_exists: 409,
  engine_unavailable: 503,
  corrupt_file: 500,
  newer_version: 409,
  internal: 500,
}
/** Codes a refusal of bad input may carry; `internal` and `corrupt_file` mean the core broke on it. */
const REFUSAL_CODES: ErrorCode[] = ['invalid_input', 'not_found', 'already_exists', 'engine_unavailable']

const PAGE = `<!doctype html><html><head><title>Une page</title><script>globalThis.__pwned = true</script></head>
<body><article><h1>Une page</h1><p>Le chat dort sur le canapé pendant que la pluie tombe sur Paris.</p>
<p>Les enfants jouent dans le jardin et le soleil revient.</p></article></body></html>`

/** URL imports never leave the machine: this stands in for the network. */
const fakeFetch: typeof fetch = async (input) => {
  const url = input instanceof Request ? input.url : String(input)
  if (url.includes('fail')) throw new TypeError('fetch failed')
  if (url.endsWith('/text'))
    return new Response('Un texte\n\nLe chat dort sur le canapé du salon.', { headers: { 'content-type': 'text/plain' } })
  return new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } })
}

describe('contract fuzz', () => {
  const dirs: string[] = []
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'visavis-fuzz-'))
    dirs.push(dir)
    return dir
  }

  it(`answers ${RUNS} random and malformed payloads with well-formed envelopes, and the library survives`, async () => {
    const root = await tempDir()
    const libraryDir = join(root, 'library')
    const userDataDir = join(root, 'user-data')
    const scratchDir = join(root, 'scratch')
    const staticDir = join(root, 'static')
    // The user-data folder exists, as Electron's does: updateSettings answers 500 when it does not (see the test below).
    await Promise.all([mkdir(scratchDir), mkdir(staticDir), mkdir(userDataDir)])
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Vis-à-vis</title>')
    await writeFile(join(scratchDir, 'garbage.tar'), Buffer.from('not a tar archive at all'))
    // Compression bombs, which must be refused while they unpack (finding 6 of issue 15).
    await writeFile(join(scratchDir, 'bomb.tar.zst'), zstdBomb(25_000))
    await mkdir(join(scratchDir, 'bomb-model'))
    const { model, ...others } = randomModelFiles('fren', { model: 2048, lex: 1024, vocab: 512 })
    for (const file of Object.values(others)) await writeFile(join(scratchDir, 'bomb-model', file.name), file.body)
    await writeFile(join(scratchDir, 'bomb-model', `${model.name}.zst`), zstdBomb(25_000))
    await writeFile(join(scratchDir, 'catalogue.json'), '{}')
    await mkdir(join(scratchDir, 'fren'))
    for (const file of Object.values(randomModelFiles('fren', { model: 2048, lex: 1024, vocab: 512 })))
      await writeFile(join(scratchDir, 'fren', file.name), file.body)

    const openCore = () =>
      createCore({
        libraryDir,
        extractionWorker: extractionWorkerOfSources(),
        userDataDir,
        engines: [recordingEngine().engine],
        fetch: fakeFetch,
        modelCatalogue: join(scratchDir, 'catalogue.json'),
      })
    const core = await openCore()
    let coreOpen = true
    cleanups.push(async () => {
      if (coreOpen) await core.close()
    })

    const world: FuzzWorld = { articleIds: [], paragraphIds: [], annotationIds: [], jobIds: [], scratchDir }
    for (const text of [
      'Le chat\n\nLe chat dort sur le canapé. Il rêve de souris.\n\nPuis il se réveille et mange.',
      'La pluie\n\nLa pluie tombera demain sur la Bretagne.\n\nLe soleil reviendra dimanche.\n\nLes enfants joueront dehors.',
      'Le président\n\nLe président a rencontré son homologue à Paris pour parler de commerce.',
    ]) {
      const { article } = await core.importText({ text })
      world.articleIds.push(article.id)
      for (let i = 1; i <= article.paragraphCount; i++) if (!world.paragraphIds.includes(`p${i}`)) world.paragraphIds.push(`p${i}`)
    }
    for (const quote of ['chat', 'souris']) {
      const placed = await core.addAnnotation({ articleId: world.articleIds[0]!, kind: 'highlight', paragraphId: 'p1', quote, note: 'n' })
      world.annotationIds.push(placed.id)
    }

    // Installed before the host starts: its dispatcher logs unexpected errors with console.error.
    const logged: unknown[] = []
    const consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args))
    cleanups.push(async () => consoleError.mockRestore())
    const host = await startHost({ core, staticDir })
    cleanups.push(() => host.close())
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    cleanups.push(async () => agent.destroy())
    const events = watchEvents(host)
    cleanups.push(async () => void events.stop())

    const unhandled: unknown[] = []
    const onUnhandled = (error: unknown) => unhandled.push(error)
    process.on('unhandledRejection', onUnhandled)
    process.on('uncaughtException', onUnhandled)
    cleanups.push(async () => {
      process.off('unhandledRejection', onUnhandled)
      process.off('uncaughtException', onUnhandled)
    })

    const prototypesBefore = snapshotPrototypes()
    const dispatch = createDispatcher(core, { logError: (error) => logged.push(error) })
    const r = new Random(SEED)
    const outcomes = new Map<string, number>()
    const perMethod = new Map<string, number>()
    let firstFailure: string | undefined
    const slowest: { ms: number; what: () => string }[] = []
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

    /** Learns ids from successful answers, so later payloads name things that exist. */
    const learn = (method: string, result: unknown) => {
      const value = result as Record<string, unknown> | null
      if (method === 'translateArticle' && typeof value?.jobId === 'string') remember(world.jobIds, value.jobId)
      if ((method === 'importText' || method === 'importFile' || method === 'importUrl') && value?.article)
        remember(world.articleIds, (value.article as { id: string }).id)
      if (method === 'addAnnotation' && typeof value?.id === 'string') remember(world.annotationIds, value.id)
    }

    const started = Date.now()
    for (let index = 0; index < RUNS; index++) {
      const known = r.chance(0.9)
      const method = known ? r.pick(methodNames) : unknownMethodPath(r)
      count(perMethod, known ? method : '(unknown)')
      const problems: string[] = []
      const loggedBefore = logged.length
      const callStarted = Date.now()
      let describeCall: () => string
      if (r.chance(DAMAGE_SHARE)) {
        const { path, json } = wrongShapeFile(r, world, libraryDir, userDataDir)
        // A folder the fuzz deleted has no file to damage.
        if (
          await writeFile(path, json).then(
            () => true,
            () => false,
          )
        )
          count(outcomes, `file of the wrong shape: ${basename(path)}`)
      }

      if (r.chance(HTTP_SHARE)) {
        const broken = r.chance(0.1)
        const body = broken ? invalidJsonBody(r) : Buffer.from(jsonOf(payloadFor(method, r, world)) ?? '')
        const contentType = oddContentType(r)
        describeCall = () => `http POST /api/${method} (Content-Type ${contentType}) body=${preview(body.toString('utf8'))}`
        const response = await withTimeout(
          httpRequest(host.port, {
            path: `/api/${method}`,
            method: 'POST',
            agent,
            body,
            headers: { Authorization: `Bearer ${host.token}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
          }),
        ).catch((error: unknown) => error as Error)
        if (response instanceof Error) {
          problems.push(`no answer: ${response.message}`)
          count(outcomes, 'http no answer')
        } else {
          const envelope = checkHttp(response, body, known, method, problems)
          count(outcomes, `http ${response.status} ${envelope ? (envelope.ok ? 'ok' : envelope.error.code) : 'malformed'}`)
          if (envelope?.ok) learn(method, envelope.result)
        }
      } else {
        const payload = payloadFor(method, r, world, true)
        describeCall = () => `dispatch(${JSON.stringify(method)}, ${describeValue(payload)})`
        const envelope = await withTimeout(dispatch(method, payload)).catch((error: unknown) => error as Error)
        if (envelope instanceof Error) {
          problems.push(`the dispatcher threw or hung: ${envelope.message}`)
          count(outcomes, 'direct threw')
        } else {
          checkEnvelope(envelope, known, method, problems)
          count(outcomes, `direct ${envelope.ok ? 'ok' : envelope.error.code}`)
          if (envelope.ok) learn(method, envelope.result)
        }
      }

      slowest.push({ ms: Date.now() - callStarted, what: () => preview(describeCall()) })
      slowest.sort((a, b) => b.ms - a.ms).splice(5)
      if (problems.length === 0) continue
      const logs = logged.slice(loggedBefore).map(logText)
      firstFailure =
        `seed ${SEED}, call #${index}: ${method}: ${problems.join('; ')}\n    ${describeCall()}` +
        `${logs.map((log) => `\n    logged: ${preview(log)}`).join('')}\n    replay: ${replay}`
      break
    }
    const fuzzMs = Date.now() - started
    // The first wrong answer ends the fuzz: the calls after it would only pile up more of the same.
    if (firstFailure) expect.fail(firstFailure)

    // The library as the fuzzed core sees it, then as a fresh core reads it from disk.
    const listed = await core.listArticles({})
    for (const summary of listed) {
      const article = await core.getArticle({ id: summary.id })
      expect(article.paragraphs).toHaveLength(summary.paragraphCount)
    }
    await host.close()
    events.stop()
    await core.close()
    coreOpen = false
    await new Promise((resolve) => setTimeout(resolve, 50))

    console.log(
      [
        `fuzz seed ${SEED}: ${RUNS} calls in ${(fuzzMs / 1000).toFixed(1)} s (replay: ${replay})`,
        'outcomes:',
        ...[...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `  ${key.padEnd(34)} ${n}`),
        'calls per method:',
        `  ${[...perMethod].map(([key, n]) => `${key} ${n}`).join(', ')}`,
        `methods fuzzed with random payloads only (no template): ${methodNames.filter((m) => !hasTemplate(m)).join(', ') || 'none'}`,
        `articles in the library afterwards: ${listed.length}`,
        `server-sent events received: ${events.count()} (${events.malformed()} malformed)`,
        'slowest calls:',
        ...slowest.map(({ ms, what }) => `  ${ms} ms ${what().slice(0, 160)}`),
        `errors logged by the core: ${logged.length}`,
        ...logged.slice(0, 5).map((entry) => `  ${preview(String(Array.isArray(entry) ? entry.join(' ') : entry))}`),
      ].join('\n'),
    )

    expect(unhandled, 'unhandled rejections or exceptions').toEqual([])
    expect(events.malformed()).toBe(0)
    expect(snapshotPrototypes()).toEqual(prototypesBefore)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(methodNames.every((name) => (perMethod.get(name) ?? 0) > 0) || RUNS < 1000).toBe(true)

    const reopened = await openCore()
    try {
      const again = await reopened.listArticles({})
      const shape = (list: typeof listed) =>
        list.map(({ id, title, tags, position, progress, paragraphCount }) => ({ id, title, tags, position, progress, paragraphCount }))
      expect(shape(again)).toEqual(shape(listed))
      expect(new Set(again.map((a) => a.id)).size).toBe(again.length)
      for (const summary of again) {
        const article = await reopened.getArticle({ id: summary.id })
        expect(article.paragraphs).toHaveLength(summary.paragraphCount)
        await reopened.listAnnotations({ articleId: summary.id })
      }
      const hits = await reopened.search({ query: 'chat' })
      expect(hits.every((hit) => again.some((a) => a.id === hit.id))).toBe(true)
      await reopened.getSettings({})
      await reopened.listModels({})
    } finally {
      await reopened.close()
    }
  }, 180_000)
})

function checkHttp(response: RawResponse, body: Buffer, known: boolean, method: string, problems: string[]): Envelope<unknown> | null {
  if (response.headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff')
  if (Object.keys(response.headers).some((name) => name.startsWith('access-control-'))) problems.push('a CORS header was sent')
  if (response.status >= 500 && response.status !== 503) problems.push(`HTTP ${response.status}`)
  let envelope: Envelope<unknown>
  try {
    envelope = JSON.parse(response.body) as Envelope<unknown>
  } catch {
    problems.push(`HTTP ${response.status} with a body that is not JSON: ${preview(response.body)}`)
    return null
  }
  if (!checkEnvelope(envelope, known, method, problems)) return null
  const expected = envelope.ok ? 200 : method === 'events' ? 405 : body.length > MAX_BODY_BYTES ? 413 : STATUS_BY_CODE[envelope.error.code]
  if (response.status !== expected) problems.push(`HTTP ${response.status} for ${preview(JSON.stringify(envelope))} (expected ${expected})`)
  if (known && !parses(body) && !(response.status === 400 && !envelope.ok && envelope.error.code === 'invalid_input'))
    problems.push(`a body that is not JSON got HTTP ${response.status}`)
  return envelope
}

/** A well-formed envelope; a refusal carries a known code that is not a crash; batch outcomes too. */
function checkEnvelope(envelope: unknown, known: boolean, method: string, problems: string[]): envelope is Envelope<unknown> {
  const value = envelope as Record<string, unknown> | null
  const keys = value && typeof value === 'object' ? Object.keys(value).sort().join(',') : ''
  if (value?.ok === true && keys === 'ok,result') {
    if (method === 'importFiles') checkOutcomes(value.result, problems)
    return true
  }
  const error = value?.error
  if (value?.ok !== false || keys !== 'error,ok' || !isWellFormedError(error)) {
    problems.push(`malformed envelope ${preview(JSON.stringify(envelope))}`)
    return false
  }
  if (!REFUSAL_CODES.includes(error.code)) problems.push(`refused with ${error.code}: ${error.message}`)
  if (!known && error.code !== 'not_found' && method !== 'events') problems.push(`an unknown method got ${error.code}, not not_found`)
  return true
}

function checkOutcomes(result: unknown, problems: string[]): void {
  for (const outcome of result as { status: string; error?: unknown }[]) {
    if (outcome.status !== 'failed') continue
    if (!isWellFormedError(outcome.error)) problems.push(`a malformed batch outcome ${preview(JSON.stringify(outcome))}`)
    else if (!REFUSAL_CODES.includes(outcome.error.code)) problems.push(`a batch file failed with ${outcome.error.code}`)
  }
}

/** A code and a message, and with them, when the UI words the message itself, its message code and parameters. */
function isWellFormedError(error: unknown): error is ErrorData {
  const value = error as Record<string, unknown> | null | undefined
  if (typeof value !== 'object' || value === null) return false
  const keys = Object.keys(value).sort().join(',')
  const worded = ['code,message,messageCode', 'code,message,messageCode,params'].includes(keys) && isMessageCode(value.messageCode)
  return (
    (keys === 'code,message' || (worded && isParams(value.params))) &&
    (errorCodes as readonly unknown[]).includes(value.code) &&
    typeof value.message === 'string' &&
    value.message.length > 0
  )
}

function isMessageCode(code: unknown): boolean {
  return (messageCodes as readonly unknown[]).includes(code)
}

function isParams(params: unknown): boolean {
  return (
    params === undefined || (typeof params === 'object' && params !== null && Object.values(params).every((v) => typeof v === 'string'))
  )
}

function logText(entry: unknown): string {
  return Array.isArray(entry) ? format(...(entry as unknown[])) : inspect(entry)
}

function watchEvents(host: RunningHost) {
  let received = 0
  let malformed = 0
  let buffer = ''
  const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` }, (res) => {
    res.setEncoding('utf8')
    res.on('error', () => undefined)
    res.on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (!message.startsWith('data: ')) continue
        received++
        try {
          const event = JSON.parse(message.slice('data: '.length)) as { type?: unknown }
          if (typeof event.type !== 'string') malformed++
        } catch {
          malformed++
        }
      }
    })
  })
  req.on('error', () => undefined)
  req.end()
  return { count: () => received, malformed: () => malformed, stop: () => req.destroy() }
}

function snapshotPrototypes(): Record<string, string[]> {
  const names = (target: object) => Reflect.ownKeys(target).map(String).sort()
  return {
    object: names(Object.prototype),
    array: names(Array.prototype),
    function: names(Function.prototype),
    string: names(String.prototype),
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function remember(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id)
  if (list.length > 50) list.shift()
}

function jsonOf(value: unknown): string | undefined {
  return JSON.stringify(value) as string | undefined
}

function parses(body: Buffer): boolean {
  if (body.length === 0) return true
  try {
    JSON.parse(body.toString('utf8'))
    return true
  } catch {
    return false
  }
}

function preview(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text
}

function describeValue(value: unknown): string {
  try {
    const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? String(v) : v))
    return preview(json ?? String(value))
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/** Bugs the fuzz found in the core, each kept as a test of the fixed behaviour. */
describe('bugs the contract fuzz found', () => {
  const { tempDir, openCore } = useLibraries()
  const quiet = { logError: () => undefined }
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined))
  afterEach(() => void vi.restoreAllMocks())

  it('html-without-elements: an .html file of plain text is imported with its text, not an internal error', async () => {
    const core = await openCore({ libraryDir: await tempDir(), engines: [] })
    const dispatch = createDispatcher(core, quiet)
    const base64 = Buffer.from('Titre\n\nLe président a rencontré son homologue à Paris pour parler de commerce.').toString('base64')
    const envelope = await dispatch('importFile', { fileName: 'article.html', base64 })
    expect(envelope).toMatchObject({ ok: true, result: { status: 'imported', article: { title: 'Titre' } } })
    const [article] = await core.listArticles({})
    expect((await core.getArticle({ id: article!.id })).paragraphs.map((paragraph) => paragraph.text).join(' ')).toContain(
      'Le président a rencontré son homologue à Paris pour parler de commerce.',
    )
  })

  it('html-with-text-before-its-first-tag: a page starting with text then a tag is read, not an internal error', async () => {
    const dispatch = createDispatcher(await openCore({ libraryDir: await tempDir(), engines: [] }), quiet)
    const base64 = Buffer.from('Titre <script>window.__pwned=1</script>\n\nUn chat noir dort sur le canapé du salon.').toString('base64')
    expect(await dispatch('importFile', { fileName: 'page.xhtml', base64 })).toMatchObject({ ok: true })
  })

  it('damaged-file-read-twice-at-once: two readers of one damaged file set it aside once, neither is an internal error', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir, engines: [] })
    await writeFile(join(libraryDir, 'glossary.json'), '{"schemaVersion":1,"entries":"x"}')
    const dispatch = createDispatcher(core, quiet)
    const answers = await Promise.all([dispatch('listGlossary', {}), dispatch('listGlossary', {}), dispatch('listGlossary', {})])
    expect(answers).toEqual(Array(3).fill({ ok: true, result: [] }))
  })

  it('restore-after-reimport: restoring a deleted article imported again since is refused as already there, not an internal error', async () => {
    const dispatch = createDispatcher(await openCore({ libraryDir: await tempDir(), engines: [] }), quiet)
    const text = 'Le chat\n\nLe chat dort sur le canapé. Il rêve de souris.'
    const imported = (await dispatch('importText', { text })) as { ok: true; result: { article: { id: string } } }
    const { id } = imported.result.article
    await dispatch('deleteArticle', { id })
    await dispatch('importText', { text })
    const reimported = await dispatch('listArticles', {})
    // The copy imported since stays; the deleted one stays in the trash.
    expect(await dispatch('restoreArticle', { id })).toMatchObject({ ok: false, error: { code: 'already_exists' } })
    expect(await dispatch('listArticles', {})).toEqual(reimported)
  })

  it('settings-without-user-data: updateSettings creates the user-data folder rather than failing', async () => {
    const root = await tempDir()
    const core = await openCore({ libraryDir: join(root, 'library'), userDataDir: join(root, 'not-yet') })
    const envelope = await createDispatcher(core, quiet)('updateSettings', { patch: { theme: 'dark' } })
    expect(envelope).toMatchObject({ ok: true, result: { theme: 'dark' } })
  })
})
