import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { createModelManager, type DownloadProgress, type ModelLimits } from '../../../main/core/translation/bergamot/model-manager'
import { type ModelFileSet, pack, type Packing, randomModelFiles, registryEntry, sha256 } from '../../support/bergamot-fixtures'
import { type LoopbackServer, useLoopbackServer } from '../../support/bergamot-loopback-server'
import { useTempDirs } from '../../support/temp-dir'

describe('Bergamot model download', () => {
  const tempDir = useTempDirs()
  const startServer = useLoopbackServer()

  /** A catalogue with one model whose files the server holds, packed as `packing`. */
  async function serveModel(files: ModelFileSet, packing: Packing = 'none', entry = registryEntry(files, packing)) {
    const server = await startServer()
    server.files.set('/registry.json', { body: Buffer.from(JSON.stringify({ fren: entry })) })
    for (const file of Object.values(files)) {
      const name = packing === 'none' ? file.name : `${file.name}.${packing}`
      server.files.set(`/fren/${name}`, { body: pack(file.body, packing) })
    }
    return server
  }

  async function managerFor(server: LoopbackServer, limits: Partial<ModelLimits> = {}) {
    const modelsDir = await tempDir()
    return createModelManager({
      modelsDir,
      catalogues: [`${server.baseUrl}registry.json`],
      limits,
      now: () => new Date('2026-03-04T05:06:07Z'),
    })
  }

  it('downloads every file of a model, reporting progress up to the total, and writes its manifest', async () => {
    const files = randomModelFiles()
    const manager = await managerFor(await serveModel(files))
    const progress: DownloadProgress[] = []

    const installed = await manager.download('fren', { onProgress: (p) => progress.push(p) })

    const total = files.model.body.length + files.lex.body.length + files.vocab.body.length
    expect(progress.length).toBeGreaterThanOrEqual(3)
    expect(progress.map((p) => p.bytesDone)).toEqual([...progress.map((p) => p.bytesDone)].sort((a, b) => a - b))
    expect(progress.at(-1)).toEqual({ model: 'fren', file: files.vocab.name, bytesDone: total, bytesTotal: total })
    for (const file of Object.values(files)) expect(sha256(await readFile(join(installed.dir, file.name)))).toBe(sha256(file.body))

    const manifest = JSON.parse(await readFile(join(manager.modelsDir, 'fren', 'model.json'), 'utf8'))
    expect(manifest).toMatchObject({
      format: 1,
      name: 'fren',
      from: 'fr',
      to: 'en',
      version: `sha256:${sha256(files.model.body).slice(0, 16)}`,
      files: { model: { name: files.model.name, size: files.model.body.length, sha256: sha256(files.model.body) } },
      source: { kind: 'catalogue', location: expect.stringMatching(/registry\.json$/) },
      installedAt: '2026-03-04T05:06:07.000Z',
    })
    expect((await manager.list()).map((m) => m.name)).toEqual(['fren'])
    expect(await readdir(join(manager.modelsDir, '.downloads'))).toEqual([])
  })

  it.each(['gz', 'zst'] as const)('unpacks %s files and checks the unpacked bytes', async (packing) => {
    const files = randomModelFiles()
    const manager = await managerFor(await serveModel(files, packing))
    const installed = await manager.download('fr-en')
    expect(await readdir(installed.dir)).toEqual([
      'lex.50.50.fren.s2t.bin',
      'model.fren.intgemm.alphas.bin',
      'model.json',
      'vocab.fren.spm',
    ])
    expect(sha256(await readFile(join(installed.dir, files.lex.name)))).toBe(sha256(files.lex.body))
  })

  it('resumes an interrupted download where it stopped, asking only for the missing bytes', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    const cut = 40_000
    server.files.get(`/fren/${files.model.name}`)!.cutAfter = cut
    const manager = await managerFor(server)

    await expect(manager.download('fren')).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/stopped after .*resume/),
    })
    const part = join(manager.modelsDir, '.downloads', 'fren', `${files.model.name}.part`)
    const kept = (await stat(part)).size
    expect(kept).toBe(cut)
    expect(await manager.list()).toEqual([])

    const installed = await manager.download('fren')
    expect(sha256(await readFile(join(installed.dir, files.model.name)))).toBe(sha256(files.model.body))
    const modelRequests = server.requests.filter((r) => r.path.endsWith(files.model.name))
    expect(modelRequests.map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`])
  })

  it('starts over when the server cannot resume', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    const served = server.files.get(`/fren/${files.model.name}`)!
    served.cutAfter = 30_000
    const manager = await managerFor(server)
    await expect(manager.download('fren')).rejects.toThrow(/stopped after/)

    served.ignoreRange = true
    const installed = await manager.download('fren')
    expect(sha256(await readFile(join(installed.dir, files.model.name)))).toBe(sha256(files.model.body))
  })

  it('starts over when the server refuses the Range (416) of a part that cannot be the file', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    const manager = await managerFor(server)
    const staging = join(manager.modelsDir, '.downloads', 'fren')
    await mkdir(staging, { recursive: true })
    const stale = Buffer.concat([files.model.body, Buffer.alloc(500, 7)])
    await writeFile(join(staging, `${files.model.name}.part`), stale)

    const installed = await manager.download('fren')

    expect(sha256(await readFile(join(installed.dir, files.model.name)))).toBe(sha256(files.model.body))
    const modelRequests = server.requests.filter((r) => r.path.endsWith(files.model.name))
    expect(modelRequests.map((r) => r.range)).toEqual([`bytes=${stale.length}-`, undefined])
  })

  it('refuses files announced above the size cap without downloading them', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    const manager = await managerFor(server, { maxFileBytes: 64 * 1024 })
    await expect(manager.download('fren')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/more than the 64 KB allowed/),
    })
    expect(server.requests.map((r) => r.path)).toEqual(['/registry.json'])
  })

  it('stops a server that sends more than it announced, and one whose file unpacks past the cap', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    server.files.get(`/fren/${files.lex.name}`)!.body = Buffer.concat([files.lex.body, Buffer.alloc(1000)])
    const manager = await managerFor(server)
    await expect(manager.download('fren')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/lex.* more than/),
    })
    expect(await readdir(join(manager.modelsDir, '.downloads', 'fren'))).toEqual([files.model.name])

    // A small gzip that claims a small file but unpacks to 2 MB of zeros.
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024))
    const entry = registryEntry(files, 'gz')
    const bombServer = await serveModel(files, 'gz', entry)
    bombServer.files.set(`/fren/${files.vocab.name}.gz`, { body: bomb })
    const capped = await managerFor(bombServer, { maxFileBytes: 1024 * 1024 })
    await expect(capped.download('fren')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/over 1 MB once unpacked/),
    })
    expect(await capped.list()).toEqual([])
  })

  it('deletes a file whose SHA-256 does not match and says so', async () => {
    const files = randomModelFiles()
    const entry = registryEntry(files)
    const server = await serveModel(files, 'none', entry)
    const tampered = Buffer.from(files.lex.body)
    tampered[100] = tampered[100]! ^ 0xff
    server.files.get(`/fren/${files.lex.name}`)!.body = tampered
    const manager = await managerFor(server)

    await expect(manager.download('fren')).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringMatching(new RegExp(`${files.lex.name.replace(/\./g, '\\.')} does not match the catalogue.*deleted`)),
    })
    const staging = join(manager.modelsDir, '.downloads', 'fren')
    expect(await readdir(staging)).toEqual([files.model.name])
    expect(await manager.list()).toEqual([])
  })

  it('deletes a corrupt gzip download and says so', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files, 'gz')
    const gz = Buffer.from(pack(files.vocab.body, 'gz'))
    gz.fill(0x55, 20, 400)
    server.files.get(`/fren/${files.vocab.name}.gz`)!.body = gz
    const manager = await managerFor(server)

    await expect(manager.download('fren')).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringMatching(/not a valid gzip file.*deleted/),
    })
    expect(existsSync(join(manager.modelsDir, '.downloads', 'fren', `${files.vocab.name}.part`))).toBe(false)
    expect(await manager.list()).toEqual([])
  })

  it('keeps files verified by an earlier attempt instead of fetching them again', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    server.files.get(`/fren/${files.vocab.name}`)!.cutAfter = 100
    const manager = await managerFor(server)
    await expect(manager.download('fren')).rejects.toThrow(/stopped after/)
    await manager.download('fren')
    expect(server.requests.filter((r) => r.path.endsWith(files.model.name))).toHaveLength(1)
  })

  it('finishes a download whose part was already complete when it stopped', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    const manager = await managerFor(server)
    const staging = join(manager.modelsDir, '.downloads', 'fren')
    await mkdir(staging, { recursive: true })
    await writeFile(join(staging, `${files.model.name}.part`), files.model.body)

    const installed = await manager.download('fren')

    expect(sha256(await readFile(join(installed.dir, files.model.name)))).toBe(sha256(files.model.body))
    const modelRequests = server.requests.filter((r) => r.path.endsWith(files.model.name))
    expect(modelRequests.map((r) => r.range)).toEqual([`bytes=${files.model.body.length}-`])
  })

  it('stops when aborted, keeping what arrived for the next attempt', async () => {
    const files = randomModelFiles()
    const manager = await managerFor(await serveModel(files))
    const controller = new AbortController()
    const download = manager.download('fren', {
      signal: controller.signal,
      onProgress: (p) => p.file === files.lex.name && controller.abort(),
    })
    await expect(download).rejects.toMatchObject({ name: 'AbortError' })
    expect(await manager.list()).toEqual([])
    expect(await readdir(join(manager.modelsDir, '.downloads', 'fren'))).toContain(files.model.name)
  })

  it.each([
    ['sent as it is', false],
    ['gzip-encoded on the way', true],
  ])('stops at once when aborted while the server has stalled part way, the body %s', async (_how, gzipEncoded) => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    Object.assign(server.files.get(`/fren/${files.model.name}`)!, { stallAfter: 1024, gzipEncoded })
    const manager = await managerFor(server)
    const controller = new AbortController()
    const download = manager.download('fren', { signal: controller.signal, onProgress: () => setTimeout(() => controller.abort(), 200) })
    await expect(download).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('names what is missing: an unknown model, or a file the server does not have', async () => {
    const files = randomModelFiles()
    const server = await serveModel(files)
    const manager = await managerFor(server)
    await expect(manager.download('deen')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no model "deen".*Available: fren/),
    })
    server.files.delete(`/fren/${files.vocab.name}`)
    await expect(manager.download('fren')).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/answered 404/),
    })
  })

  describe("from a server that gzip-encodes on the way, as Firefox's bucket does", () => {
    /** Files that compress to about half, listed with their gzip size as `estimatedCompressedSize`, served encoded. */
    async function serveEncodedModel() {
      const files = halfCompressible(randomModelFiles())
      const entry = registryEntry(files)
      for (const [role, file] of Object.entries(files)) {
        ;(entry[role] as { estimatedCompressedSize: number }).estimatedCompressedSize = gzipSync(file.body).length
      }
      const server = await serveModel(files, 'none', entry)
      for (const [path, served] of server.files) served.gzipEncoded = path !== '/registry.json'
      return { files, server }
    }

    it('checks the decoded bytes, and counts progress against the compressed sizes up to exactly 100%', async () => {
      const { files, server } = await serveEncodedModel()
      const manager = await managerFor(server)
      const progress: DownloadProgress[] = []

      const installed = await manager.download('fren', { onProgress: (p) => progress.push(p) })

      for (const file of Object.values(files)) expect(sha256(await readFile(join(installed.dir, file.name)))).toBe(sha256(file.body))
      const compressed = Object.values(files).reduce((sum, file) => sum + gzipSync(file.body).length, 0)
      expect(compressed).toBeLessThan(0.6 * Object.values(files).reduce((sum, file) => sum + file.body.length, 0))
      expect(progress.every((p) => p.bytesTotal === compressed && p.bytesDone <= compressed)).toBe(true)
      expect(progress.map((p) => p.bytesDone)).toEqual([...progress.map((p) => p.bytesDone)].sort((a, b) => a - b))
      expect(progress.at(-1)).toMatchObject({ bytesDone: compressed, bytesTotal: compressed })
    })

    it("starts over from zero when the next attempt's Range is ignored (200)", async () => {
      const { files, server } = await serveEncodedModel()
      const served = server.files.get(`/fren/${files.model.name}`)!
      served.ignoreRange = true
      served.cutAfter = 30_000
      const manager = await managerFor(server)
      await expect(manager.download('fren')).rejects.toThrow(/stopped after/)
      const kept = (await stat(join(manager.modelsDir, '.downloads', 'fren', `${files.model.name}.part`))).size
      expect(kept).toBeGreaterThan(0)

      const installed = await manager.download('fren')

      expect(sha256(await readFile(join(installed.dir, files.model.name)))).toBe(sha256(files.model.body))
      const modelRequests = server.requests.filter((r) => r.path.endsWith(files.model.name))
      expect(modelRequests.map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`])
    })

    it('starts over from zero when the next attempt gets a range of the compressed bytes (206)', async () => {
      const { files, server } = await serveEncodedModel()
      server.files.get(`/fren/${files.model.name}`)!.cutAfter = 30_000
      const manager = await managerFor(server)
      await expect(manager.download('fren')).rejects.toThrow(/stopped after/)
      const kept = (await stat(join(manager.modelsDir, '.downloads', 'fren', `${files.model.name}.part`))).size

      const installed = await manager.download('fren')

      expect(sha256(await readFile(join(installed.dir, files.model.name)))).toBe(sha256(files.model.body))
      const modelRequests = server.requests.filter((r) => r.path.endsWith(files.model.name))
      expect(modelRequests.map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`, undefined])
    })

    it('unpacks a .gz file it also gzip-encodes, counting no more than the compressed size the catalogue gives', async () => {
      const files = halfCompressible(randomModelFiles())
      const entry = registryEntry(files, 'gz')
      for (const role of Object.keys(files)) {
        const listed = entry[role] as { estimatedCompressedSize: number }
        listed.estimatedCompressedSize = Math.round(listed.estimatedCompressedSize * 0.9)
      }
      const server = await serveModel(files, 'gz', entry)
      for (const [path, served] of server.files) served.gzipEncoded = path !== '/registry.json'
      const manager = await managerFor(server)
      const progress: DownloadProgress[] = []

      const installed = await manager.download('fren', { onProgress: (p) => progress.push(p) })

      for (const file of Object.values(files)) expect(sha256(await readFile(join(installed.dir, file.name)))).toBe(sha256(file.body))
      expect(progress.every((p) => p.bytesDone <= p.bytesTotal)).toBe(true)
      expect(progress.at(-1)!.bytesDone).toBe(progress.at(-1)!.bytesTotal)
    })

    it('stops a body that decodes past the size the catalogue gives, and deletes it', async () => {
      const { files, server } = await serveEncodedModel()
      server.files.get(`/fren/${files.lex.name}`)!.body = Buffer.concat([files.lex.body, Buffer.alloc(1024 * 1024)])
      const manager = await managerFor(server)
      await expect(manager.download('fren')).rejects.toMatchObject({
        code: 'corrupt_file',
        message: expect.stringMatching(/sent more than .*lex.*deleted/),
      })
      expect(await readdir(join(manager.modelsDir, '.downloads', 'fren'))).toEqual([files.model.name])
    })
  })
})

/** The same files with their second half zeros, so that gzip halves them. */
function halfCompressible(files: ModelFileSet): ModelFileSet {
  const halved = Object.entries(files).map(([role, file]) => {
    const body = Buffer.from(file.body)
    body.fill(0, body.length / 2)
    return [role, { ...file, body }]
  })
  return Object.fromEntries(halved) as ModelFileSet
}
