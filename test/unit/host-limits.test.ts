/** The browser host's memory stays bounded whatever its clients do: slow event readers, long fields, many big bodies. */
import { mkdir, writeFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import type { ApiEvent } from '../../main/api/contract'
import { type RunningHost, startHost } from '../../main/host/server'
import { httpRequest } from '../support/hostile-http'
import { useLibraries } from '../support/temp-dir'

describe('browser host limits', () => {
  const { tempDir, openCore } = useLibraries()
  let host: RunningHost | undefined
  let emit: (event: ApiEvent) => void = () => undefined

  afterEach(async () => {
    await host?.close()
    host = undefined
  })

  async function start(): Promise<RunningHost> {
    const root = await tempDir()
    await mkdir(join(root, 'static'))
    await writeFile(join(root, 'static', 'index.html'), '<!doctype html>')
    const core = await openCore({ libraryDir: join(root, 'library'), engines: [] })
    const subscribe = core.subscribe
    core.subscribe = (listener) => {
      emit = listener
      return subscribe(listener)
    }
    host = await startHost({ core, staticDir: join(root, 'static') })
    return host
  }

  const call = (h: RunningHost, method: string, body: string | Buffer) =>
    httpRequest(h.port, {
      path: `/api/${method}`,
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token}`, Host: `127.0.0.1:${h.port}`, 'Content-Type': 'application/json' },
      body,
    })

  it('drops an event stream whose client never reads, instead of holding its events', async () => {
    const h = await start()
    const socket: Socket = connect(h.port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(`GET /api/events?token=${h.token} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n\r\n`)
    await new Promise((resolve) => socket.once('data', resolve))
    socket.pause()
    const closed = new Promise((resolve) => socket.once('close', resolve))
    const big: ApiEvent = { type: 'library.changed', articleIds: ['x'.repeat(100_000)] }
    // 40 MB of events: more than any socket buffer holds, so without a cap the host would keep most of them.
    for (let i = 0; i < 400; i++) {
      emit(big)
      await new Promise((resolve) => setImmediate(resolve))
    }
    socket.resume()
    socket.on('data', () => undefined)
    await closed
    expect(socket.bytesRead).toBeLessThan(40_000_000)
  })

  it('refuses a 10 MB LibreTranslate address', async () => {
    const h = await start()
    const patch = (url: string) => JSON.stringify({ patch: { libreTranslate: { url } } })
    expect((await call(h, 'updateSettings', patch(`http://a.example/${'a'.repeat(10_000_000)}`))).status).toBe(400)
    expect((await call(h, 'updateSettings', patch('http://a.example/'))).status).toBe(200)
  })

  it('turns away big bodies past what it holds at once, and serves the others', async () => {
    const h = await start()
    const body = Buffer.from(JSON.stringify({ text: 'a'.repeat(39 * 1024 * 1024) }))
    const statuses = (await Promise.all([1, 2, 3].map(() => call(h, 'importText', body)))).map((r) => r.status)
    expect(statuses).toContain(503)
    expect(statuses.filter((status) => status !== 503)).not.toHaveLength(0)
    expect(statuses).not.toContain(500)
  })
})
