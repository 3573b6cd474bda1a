import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { type BergamotEngine, createBergamotEngine } from '../../../main/core/translation/bergamot/bergamot-engine'
import { BergamotWorker } from '../../../main/core/translation/bergamot/bergamot-worker'
import { createModelManager } from '../../../main/core/translation/bergamot/model-manager'
import type { LanguagePair } from '../../../main/core/translation/engine'
import { useTempDirs } from '../../support/temp-dir'
import { realModelsSource } from '../../support/tiny-bergamot-model'

/**
 * The real WASM engine translating with a real model: the tiny generated one (random weights, nonsense out, every
 * step real), or the models at VISAVIS_BERGAMOT_MODELS when it is set. These tests never skip.
 */

const SENTENCES = ['Le chat dort sur le canapé.', 'Il fait beau aujourd’hui à Paris.', 'Les enfants lisent un livre à la bibliothèque.']
const run = promisify(execFile)

describe('Bergamot with a real model', () => {
  const tempDir = useTempDirs()
  const engines: BergamotEngine[] = []
  afterEach(async () => {
    vi.restoreAllMocks()
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
  })

  async function installed(options: { batchSize?: number } = {}) {
    const modelsDir = await tempDir()
    const manager = createModelManager({ modelsDir })
    await manager.importFromFolder(await realModelsSource(tempDir))
    const engine = createBergamotEngine({ modelsDir, ...options })
    engines.push(engine)
    const pair = (await engine.pairs()).find((candidate) => candidate.from === 'fr' && candidate.to === 'en')
    if (!pair) throw new Error('The models hold no fr→en model')
    return { engine, manager, pair }
  }

  /** The workers the engine starts, as it starts them. */
  function watchWorkers(): BergamotWorker[] {
    const started: BergamotWorker[] = []
    const start = BergamotWorker.start.bind(BergamotWorker)
    vi.spyOn(BergamotWorker, 'start').mockImplementation(async (options) => {
      const worker = await start(options)
      started.push(worker)
      return worker
    })
    return started
  }

  async function translateAll(engine: BergamotEngine, sentences: string[], pair: LanguagePair, signal?: AbortSignal) {
    const results = []
    for await (const sentence of engine.translate(sentences, pair, signal)) results.push(sentence)
    return results
  }

  it('imports the model from its folder and from a .tar.gz, then translates sentence i into result i', async () => {
    const source = await realModelsSource(tempDir)
    const archive = join(await tempDir(), 'models.tar.gz')
    await run('tar', ['-czf', archive, '-C', dirname(source), basename(source)])
    const fromFolder = await createModelManager({ modelsDir: await tempDir() }).importFromFolder(source)
    const fromArchive = await createModelManager({ modelsDir: await tempDir() }).importFromArchive(archive)
    expect(fromArchive.map((model) => [model.name, model.version])).toEqual(fromFolder.map((model) => [model.name, model.version]))
    expect(fromArchive[0]!.source.kind).toBe('archive')

    const { engine, pair } = await installed()
    const results = await translateAll(engine, SENTENCES, pair)
    for (const { index, target } of results) console.log(`${SENTENCES[index]} → ${target}`)
    expect(results.map((result) => result.index)).toEqual([0, 1, 2])
    expect(new Set(results.map((result) => result.target)).size).toBe(SENTENCES.length)
    for (const { index, target } of results) {
      expect(target.trim()).not.toBe('')
      expect(target).not.toBe(SENTENCES[index])
    }
  })

  it('stops on abort, sending the worker no further batch, and keeps translating afterwards', async () => {
    const { engine, pair } = await installed({ batchSize: 1 })
    const batchesSent = vi.spyOn(BergamotWorker.prototype, 'translate')
    const controller = new AbortController()
    const many = Array.from({ length: 30 }, (_, i) => SENTENCES[i % SENTENCES.length]!)
    const seen: number[] = []
    const translating = (async () => {
      for await (const sentence of engine.translate(many, pair, controller.signal)) {
        seen.push(sentence.index)
        controller.abort()
      }
    })()
    await expect(translating).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen).toEqual([0])
    expect(batchesSent).toHaveBeenCalledTimes(1)

    expect(await translateAll(engine, SENTENCES.slice(0, 1), pair)).toHaveLength(1)
    expect(engine.workersStarted).toBe(1)
  })

  it('starts a new worker when its thread was killed from outside, and translates with it', async () => {
    const workers = watchWorkers()
    const { engine, pair } = await installed()
    const before = await translateAll(engine, SENTENCES, pair)

    await (workers[0] as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate()
    expect(workers[0]!.alive).toBe(false)

    expect(await translateAll(engine, SENTENCES, pair)).toEqual(before)
    expect(engine.workersStarted).toBe(2)
    expect(workers).toHaveLength(2)
  })

  it('frees the model from the worker once it is deleted', async () => {
    const workers = watchWorkers()
    const { engine, manager, pair } = await installed()
    await translateAll(engine, SENTENCES.slice(0, 1), pair)
    expect(await workers[0]!.hasModel(pair)).toBe(true)

    for (const model of await manager.list()) await manager.delete(model.name)
    expect(await engine.pairs()).toEqual([])
    await vi.waitFor(async () => expect(await workers[0]!.hasModel(pair)).toBe(false))
    expect(workers[0]!.alive).toBe(true)
  })

  it('refuses a model file damaged after install (one byte changed), naming it, and loads nothing', async () => {
    const workers = watchWorkers()
    const { engine, manager, pair } = await installed()
    const model = (await manager.list()).find((candidate) => candidate.from === 'fr' && candidate.to === 'en')!
    const modelPath = join(model.dir, model.files.model.name)
    const bytes = await readFile(modelPath)
    const damagedAt = bytes.length - 1000
    bytes.writeUInt8(bytes.readUInt8(damagedAt) ^ 0x01, damagedAt)
    await writeFile(modelPath, bytes)

    await expect(translateAll(engine, SENTENCES, pair)).rejects.toThrow(
      `The Bergamot model ${model.name} is damaged (${model.files.model.name} does not match its checksum)`,
    )
    expect(await workers[0]!.hasModel(pair)).toBe(false)
  })
})
