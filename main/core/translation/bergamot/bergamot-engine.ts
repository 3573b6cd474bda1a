import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { ApiError } from '../../../api/errors'
import type { EngineIdentity, EngineStatus, LanguagePair, TranslatedSentence, TranslationEngine } from '../engine'
import { abortError } from './abort'
import { BergamotStopped, BergamotWorker, locateBergamotPackage, type ModelBuffers } from './bergamot-worker'
import { type InstalledFile, type InstalledModel, listInstalledModels } from './model-manifest'

/**
 * Bergamot, the engine of Firefox's offline translation, as a TranslationEngine: models come from `<modelsDir>`
 * (see model-manager.ts), translation runs in a worker thread, and a worker that failed is replaced on the next call.
 * Pairs without a model of their own go through English when both halves are installed, as Firefox does.
 */

export interface BergamotEngineOptions {
  modelsDir: string
  /** Sentences per call into the worker: small enough to stream results and stop soon after an abort. */
  batchSize?: number
  startTimeoutMs?: number
}

export interface BergamotEngine extends TranslationEngine {
  /** How many workers this engine has started; a diagnostic, and how tests see a dead worker being replaced. */
  readonly workersStarted: number
}

export const BERGAMOT_MODEL_FIX = {
  messageCode: 'bergamot_needs_model',
  message: 'Download or import a model: visavis models download fren, or visavis models import <folder or archive>.',
} as const
export const BERGAMOT_BATCH_SIZE = 8
const PIVOT = 'en'

/** A worker and the models loaded into it, keyed by pair, with the name and version each was loaded at. */
interface WorkerSlot {
  ready: Promise<BergamotWorker>
  instance?: BergamotWorker
  failed: boolean
  loaded: Map<string, { version: string; pair: LanguagePair; ready: Promise<void> }>
}

export function createBergamotEngine(options: BergamotEngineOptions): BergamotEngine {
  const { modelsDir } = options
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? BERGAMOT_BATCH_SIZE))
  let slot: WorkerSlot | null = null
  let workersStarted = 0

  function liveSlot(): WorkerSlot {
    const usable = slot && !slot.failed && (slot.instance === undefined || slot.instance.alive)
    if (usable) return slot!
    workersStarted += 1
    const fresh: WorkerSlot = { ready: BergamotWorker.start({ startTimeoutMs: options.startTimeoutMs }), failed: false, loaded: new Map() }
    fresh.ready.then(
      (worker) => (fresh.instance = worker),
      () => (fresh.failed = true),
    )
    slot = fresh
    return fresh
  }

  /** The installed models; any model the worker holds that is no longer among them is freed. */
  async function installedModels(): Promise<InstalledModel[]> {
    const models = await listInstalledModels(modelsDir)
    if (slot?.instance) releaseUninstalled(slot, slot.instance, models)
    return models
  }

  async function plan(pair: LanguagePair): Promise<InstalledModel[]> {
    const models = await installedModels()
    const direct = models.find((model) => model.from === pair.from && model.to === pair.to)
    if (direct) return [direct]
    const first = models.find((model) => model.from === pair.from && model.to === PIVOT)
    const second = models.find((model) => model.from === PIVOT && model.to === pair.to)
    if (first && second && pair.from !== pair.to) return [first, second]
    throw new ApiError('engine_unavailable', {
      messageCode: 'bergamot_no_model_for_pair',
      params: { from: pair.from, to: pair.to },
      message: `No Bergamot model translates ${pair.from} to ${pair.to}. ${BERGAMOT_MODEL_FIX.message}`,
    })
  }

  /** Loads `model` into the worker unless this very version is there already; another version is swapped out. */
  function ensureLoaded(current: WorkerSlot, worker: BergamotWorker, model: InstalledModel): Promise<void> {
    const key = `${model.from}-${model.to}`
    const version = `${model.name}@${model.version}`
    const loaded = current.loaded.get(key)
    if (loaded?.version === version) return loaded.ready
    const loading = { version, pair: { from: model.from, to: model.to }, ready: replaceModel(worker, model, loaded?.ready) }
    current.loaded.set(key, loading)
    // A load that failed is forgotten, so the next call tries again.
    loading.ready.catch(() => current.loaded.get(key) === loading && current.loaded.delete(key))
    return loading.ready
  }

  async function translateBatch(models: InstalledModel[], batch: string[]): Promise<string[]> {
    const current = liveSlot()
    const worker = await current.ready
    for (const model of models) await ensureLoaded(current, worker, model)
    return worker.translate(models, batch)
  }

  return {
    id: 'bergamot',

    get workersStarted() {
      return workersStarted
    },

    async status(): Promise<EngineStatus> {
      try {
        locateBergamotPackage()
      } catch {
        const message = 'Reinstall Vis-à-vis: its Bergamot engine (@browsermt/bergamot-translator) is missing.'
        return { state: 'not_installed', fix: { messageCode: 'bergamot_missing', message } }
      }
      const models = await installedModels()
      return models.length > 0 ? { state: 'ready' } : { state: 'needs_model', fix: BERGAMOT_MODEL_FIX }
    },

    async pairs(): Promise<LanguagePair[]> {
      return reachablePairs(await installedModels())
    },

    async identity(pair: LanguagePair): Promise<EngineIdentity> {
      const models = await plan(pair)
      return {
        engine: 'bergamot',
        model: models.map((model) => model.name).join('+'),
        version: models.map((model) => model.version).join('+'),
      }
    },

    async *translate(sentences: string[], pair: LanguagePair, signal?: AbortSignal): AsyncIterable<TranslatedSentence> {
      if (signal?.aborted) throw abortError(signal)
      const models = await plan(pair)
      for (let start = 0; start < sentences.length; start += batchSize) {
        if (signal?.aborted) throw abortError(signal)
        const targets = await untilAborted(translateBatch(models, sentences.slice(start, start + batchSize)), signal)
        for (const [offset, target] of targets.entries()) yield { index: start + offset, target }
      }
    },

    async close(): Promise<void> {
      const current = slot
      slot = null
      const worker = await current?.ready.catch(() => null)
      await worker?.terminate()
    },
  }
}

/** Frees, once it has finished loading, each model the worker holds whose name and version are no longer installed. */
function releaseUninstalled(current: WorkerSlot, worker: BergamotWorker, installed: InstalledModel[]): void {
  const kept = new Set(installed.map((model) => `${model.name}@${model.version}`))
  for (const [key, loaded] of current.loaded) {
    if (kept.has(loaded.version)) continue
    current.loaded.delete(key)
    void loaded.ready.then(() => worker.freeModel(loaded.pair)).catch(() => {})
  }
}

async function replaceModel(worker: BergamotWorker, model: InstalledModel, previous: Promise<void> | undefined): Promise<void> {
  if (previous) {
    await previous.catch(() => {})
    await worker.freeModel(model)
  }
  try {
    await worker.loadModel(model, await readModelBuffers(model))
  } catch (error) {
    throw error instanceof BergamotStopped ? unloadable(model, error) : error
  }
}

/** Direct pairs, then those reachable through English. */
function reachablePairs(models: InstalledModel[]): LanguagePair[] {
  const pairs = new Map<string, LanguagePair>()
  const add = (from: string, to: string) => from !== to && !pairs.has(`${from}-${to}`) && pairs.set(`${from}-${to}`, { from, to })
  for (const model of models) add(model.from, model.to)
  for (const first of models.filter((model) => model.to === PIVOT)) {
    for (const second of models.filter((model) => model.from === PIVOT)) add(first.from, second.to)
  }
  return [...pairs.values()]
}

/** Reads a model's files, checking each against its manifest so a damaged file gives a clear error, not a WASM abort. */
async function readModelBuffers(model: InstalledModel): Promise<ModelBuffers> {
  const read = (file: InstalledFile) => readVerified(model, file)
  const { files } = model
  const vocabs = files.vocab ? [await read(files.vocab)] : [await read(files.srcvocab!), await read(files.trgvocab!)]
  const modelBytes = await read(files.model)
  return { model: modelBytes, shortlist: await read(files.lex), vocabs, config: marianConfig(model, modelBytes) }
}

async function readVerified(model: InstalledModel, file: InstalledFile): Promise<ArrayBuffer> {
  let bytes: Buffer
  try {
    bytes = await readFile(join(model.dir, file.name))
  } catch (error) {
    throw damaged(model, `${file.name} cannot be read`, error)
  }
  if (bytes.length !== file.size || createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
    throw damaged(model, `${file.name} does not match its checksum`)
  }
  // A small Buffer may be a view into a shared pool; the worker must get exactly this file's bytes.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

function damaged(model: InstalledModel, what: string, cause?: unknown): ApiError {
  return new ApiError(
    'engine_unavailable',
    `The Bergamot model ${model.name} is damaged (${what}). Delete it and install it again: visavis models delete ${model.name}, then download or import it.`,
    cause === undefined ? undefined : String(cause),
  )
}

function unloadable(model: InstalledModel, error: BergamotStopped): ApiError {
  return new ApiError(
    'engine_unavailable',
    `Bergamot could not load the model ${model.name} (${error.summary}). It may be damaged or not a Bergamot model: delete it (visavis models delete ${model.name}) and install it again.`,
    error.detail,
  )
}

/**
 * The worker's default GEMM needs the quantisation factors ("alphas") that Firefox's `.intgemm.alphas.bin` models
 * hold; a model without them (8-bit `intgemm8.bin`, or float32, quantised as it loads) needs the plain shifted GEMM.
 */
function marianConfig(model: InstalledModel, modelBytes: ArrayBuffer): Record<string, string> {
  const precision: Record<string, string> = holdsAlphas(modelBytes) ? {} : { 'gemm-precision': 'int8shiftAll' }
  return { ...precision, ...model.config }
}

/** Each item of a Marian binary model has a header of four uint64: name length, type, shape length, data length. */
const MARIAN_ITEM_HEADER_BYTES = 32

/** Whether a model in Marian's binary format has `…_QuantMultA` items: reads the item names from its header. */
function holdsAlphas(modelBytes: ArrayBuffer): boolean {
  const view = new DataView(modelBytes)
  if (view.byteLength < 16) return false
  const count = Number(view.getBigUint64(8, true))
  let nameAt = 16 + count * MARIAN_ITEM_HEADER_BYTES
  if (nameAt > view.byteLength) return false
  const names = new TextDecoder()
  for (let item = 0; item < count; item += 1) {
    const nameLength = Number(view.getBigUint64(16 + item * MARIAN_ITEM_HEADER_BYTES, true))
    if (nameAt + nameLength > view.byteLength) return false
    if (names.decode(new Uint8Array(modelBytes, nameAt, Math.max(0, nameLength - 1))).endsWith('_QuantMultA')) return true
    nameAt += nameLength
  }
  return false
}

/** `work`, or an AbortError as soon as `signal` aborts; the worker finishes the batch and its result is dropped. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  if (signal.aborted) return Promise.reject(abortError(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
