import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { BERGAMOT_MODEL_FIX, type BergamotEngine, createBergamotEngine } from '../../../main/core/translation/bergamot/bergamot-engine'
import { BergamotWorker } from '../../../main/core/translation/bergamot/bergamot-worker'
import { createModelManager } from '../../../main/core/translation/bergamot/model-manager'
import { randomModelFiles, sha256 } from '../../support/bergamot-fixtures'
import { useTempDirs } from '../../support/temp-dir'

describe('Bergamot engine', () => {
  const tempDir = useTempDirs()
  const engines: BergamotEngine[] = []
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
  })

  async function engineWith(pairs: string[]) {
    const modelsDir = await tempDir()
    const source = await tempDir()
    for (const pair of pairs) {
      await mkdir(join(source, pair))
      for (const file of Object.values(randomModelFiles(pair))) await writeFile(join(source, pair, file.name), file.body)
    }
    const manager = createModelManager({ modelsDir })
    if (pairs.length > 0) await manager.importFromFolder(source)
    const engine = createBergamotEngine({ modelsDir })
    engines.push(engine)
    return { engine, manager }
  }

  it('loads and initialises the WASM engine in a worker thread under Node, with no model', async () => {
    const started = performance.now()
    const worker = await BergamotWorker.start()
    const seconds = (performance.now() - started) / 1000
    console.log(`Bergamot WASM started in a worker thread in ${seconds.toFixed(2)} s`)
    try {
      expect(worker.alive).toBe(true)
      expect(await worker.hasModel({ from: 'fr', to: 'en' })).toBe(false)
    } finally {
      await worker.terminate()
    }
    expect(worker.alive).toBe(false)
  })

  it('needs a model until one is installed, and says how to get one', async () => {
    const { engine } = await engineWith([])
    expect(await engine.status()).toEqual({ state: 'needs_model', fix: BERGAMOT_MODEL_FIX })
    expect(BERGAMOT_MODEL_FIX.message).toMatch(/download or import a model: visavis models/i)
    expect(await engine.pairs()).toEqual([])
    await expect(engine.identity({ from: 'fr', to: 'en' })).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringContaining('visavis models'),
    })
  })

  it('offers the installed pairs, and those reachable through English', async () => {
    const { engine, manager } = await engineWith(['fren', 'enes', 'enfr'])
    expect(await engine.status()).toEqual({ state: 'ready' })
    expect(await engine.pairs()).toEqual([
      { from: 'en', to: 'es' },
      { from: 'en', to: 'fr' },
      { from: 'fr', to: 'en' },
      { from: 'fr', to: 'es' },
    ])
    const models = await manager.list()
    const version = (name: string) => models.find((m) => m.name === name)!.version
    expect(await engine.identity({ from: 'fr', to: 'en' })).toEqual({ engine: 'bergamot', model: 'fren', version: version('fren') })
    expect(await engine.identity({ from: 'fr', to: 'es' })).toEqual({
      engine: 'bergamot',
      model: 'fren+enes',
      version: `${version('fren')}+${version('enes')}`,
    })
    await expect(engine.identity({ from: 'es', to: 'fr' })).rejects.toMatchObject({ code: 'engine_unavailable' })
  })

  it('changes identity when the model is replaced by another version', async () => {
    const { engine, manager } = await engineWith(['fren'])
    const before = await engine.identity({ from: 'fr', to: 'en' })
    const source = join(await tempDir(), 'fren')
    await mkdir(source)
    for (const file of Object.values(randomModelFiles('fren'))) await writeFile(join(source, file.name), file.body)
    await manager.importFromFolder(source)
    const after = await engine.identity({ from: 'fr', to: 'en' })
    expect(after.version).not.toBe(before.version)
  })

  it('fails with an engine error on a model that is not one, then starts a fresh worker for the next call', async () => {
    const { engine } = await engineWith(['fren'])
    const attempt = async () => {
      for await (const sentence of engine.translate(['Bonjour.'], { from: 'fr', to: 'en' }))
        throw new Error(`unexpected ${sentence.target}`)
    }

    const first = await attempt().catch((error: unknown) => error)
    expect(first).toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/^Bergamot could not load the model fren \(.+\)\. .*visavis models delete fren/),
    })
    console.log(`A random-bytes model is refused with: ${(first as Error).message}`)
    expect(engine.workersStarted).toBe(1)

    await expect(attempt()).rejects.toMatchObject({ code: 'engine_unavailable' })
    expect(engine.workersStarted).toBe(2)
  })

  it('refuses a model file damaged after installation before handing it to the engine', async () => {
    const { engine, manager } = await engineWith(['fren'])
    const [model] = await manager.list()
    await writeFile(join(model!.dir, model!.files.lex.name), Buffer.from('damaged'))
    expect(sha256(Buffer.from('damaged'))).not.toBe(model!.files.lex.sha256)
    const translating = async () => {
      for await (const _ of engine.translate(['Bonjour.'], { from: 'fr', to: 'en' }));
    }
    await expect(translating()).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/fren is damaged .*lex.*visavis models delete fren/),
    })
  })

  it('throws an AbortError at once for an aborted signal, and an engine error for a pair it lacks', async () => {
    const { engine } = await engineWith(['fren'])
    const drain = async (signal?: AbortSignal, pair = { from: 'fr', to: 'en' }) => {
      for await (const _ of engine.translate(['Bonjour.'], pair, signal));
    }
    await expect(drain(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' })
    await expect(drain(undefined, { from: 'de', to: 'en' })).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/de to en/),
    })
    expect(engine.workersStarted).toBe(0)
  })
})
