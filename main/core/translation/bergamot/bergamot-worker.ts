import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'

import { ApiError } from '../../../api/errors'
import type { LanguagePair } from '../engine'

/**
 * The WASM build of Bergamot (Firefox's offline translation engine), running in a worker thread so a long
 * translation never blocks the main thread. This speaks the message protocol of the package's own worker
 * (`{id, name, args}` → `{id, result | error}`) and leaves its model registry and downloads aside: the models come
 * from local files, as buffers.
 */

export interface BergamotPackageFiles {
  translatorWorker: string
  wasm: string
}

/** Model files as the package's `loadTranslationModel` takes them. */
export interface ModelBuffers {
  model: ArrayBuffer
  shortlist: ArrayBuffer
  /** One shared vocabulary, or the source's then the target's. */
  vocabs: ArrayBuffer[]
  config?: Record<string, string>
}

export interface StartOptions {
  startTimeoutMs?: number
}

const DEFAULT_START_TIMEOUT_MS = 30_000
const KEPT_OUTPUT_LINES = 20

export function locateBergamotPackage(): BergamotPackageFiles {
  const translatorWorker = createRequire(import.meta.url).resolve('@browsermt/bergamot-translator/worker/translator-worker.js')
  return { translatorWorker, wasm: join(dirname(translatorWorker), 'bergamot-translator-worker.wasm') }
}

/**
 * The package declares "type": "module" but its worker is a CommonJS script, so Node refuses to start it as a file
 * ("require is not defined in ES module scope"). This bootstrap runs it as CommonJS instead, then replaces its
 * `fetch` so that the only thing it can load is the local WASM binary: never the network.
 */
export const WORKER_BOOTSTRAP = `(() => {
  const { readFileSync } = require('node:fs')
  const { readFile } = require('node:fs/promises')
  const { dirname } = require('node:path')
  const { compileFunction } = require('node:vm')
  const { workerData } = require('node:worker_threads')
  const { translatorWorker, wasm } = workerData
  const run = compileFunction(readFileSync(translatorWorker, 'utf8'), ['require', '__filename', '__dirname'], { filename: translatorWorker })
  run(require, translatorWorker, dirname(translatorWorker))
  const localOnly = async (url) => {
    if (String(url).endsWith('/bergamot-translator-worker.wasm')) {
      return new Response(await readFile(wasm), { status: 200, headers: { 'Content-Type': 'application/wasm' } })
    }
    throw new Error('The Bergamot worker may not use the network (' + url + ')')
  }
  self.fetch = localOnly
  globalThis.fetch = localOnly
})()`

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

interface WorkerReply {
  id: number
  result?: unknown
  error?: { name?: string; message?: string; stack?: string }
}

export class BergamotWorker {
  private readonly pending = new Map<number, Pending>()
  private readonly output: string[] = []
  private lastId = 0
  private failure: ApiError | null = null
  private stopping = false

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => this.settle(reply))
    worker.on('error', (error) => this.fail(stopped(`it crashed: ${error.message}`, this.output, error.stack)))
    worker.on('exit', (code) => this.fail(stopped(`its thread ended (exit code ${code})`, this.output)))
    for (const stream of [worker.stdout, worker.stderr]) {
      stream.setEncoding('utf8')
      stream.on('data', (text: string) => this.remember(text))
    }
    worker.unref()
  }

  /** Starts a worker and waits until the WASM engine inside it is ready. */
  static async start({ startTimeoutMs = DEFAULT_START_TIMEOUT_MS }: StartOptions = {}): Promise<BergamotWorker> {
    let files: BergamotPackageFiles
    try {
      files = locateBergamotPackage()
    } catch (error) {
      throw new ApiError(
        'engine_unavailable',
        'The Bergamot engine is missing from this installation of Vis-à-vis; reinstall it.',
        String(error),
      )
    }
    const client = new BergamotWorker(new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: files, stdout: true, stderr: true }))
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(stopped(`it did not start within ${startTimeoutMs / 1000} s`, client.output)), startTimeoutMs)
    })
    try {
      await Promise.race([client.call('initialize', [{ cacheSize: 0, useNativeIntGemm: false }]), timeout])
      return client
    } catch (error) {
      await client.terminate()
      throw error
    } finally {
      clearTimeout(timer)
    }
  }

  /** False once the worker has failed or been stopped; a failed worker is never used again. */
  get alive(): boolean {
    return this.failure === null && !this.stopping
  }

  async hasModel(pair: LanguagePair): Promise<boolean> {
    return (await this.call('hasTranslationModel', [pairOnly(pair)])) === true
  }

  /** Hands the buffers over to the worker (they are unusable here afterwards). */
  async loadModel(pair: LanguagePair, buffers: ModelBuffers): Promise<void> {
    const transfer = [...new Set([buffers.model, buffers.shortlist, ...buffers.vocabs])]
    await this.call('loadTranslationModel', [pairOnly(pair), buffers], transfer)
  }

  async freeModel(pair: LanguagePair): Promise<void> {
    await this.call('freeTranslationModel', [pairOnly(pair)])
  }

  /** Translates plain texts through one model, or two when pivoting; text i gives result i. */
  async translate(models: LanguagePair[], texts: string[]): Promise<string[]> {
    const responses = await this.call('translate', [
      { models: models.map(pairOnly), texts: texts.map((text) => ({ text, html: false, qualityScores: false })) },
    ])
    if (!Array.isArray(responses) || responses.length !== texts.length) {
      throw this.giveUp(
        stopped(`it answered ${Array.isArray(responses) ? responses.length : 'no'} translations for ${texts.length} texts`, this.output),
      )
    }
    return responses.map((response: { target?: { text?: unknown } }) => String(response.target?.text ?? ''))
  }

  async terminate(): Promise<void> {
    this.fail(new ApiError('engine_unavailable', 'The Bergamot engine was stopped.'))
    await this.worker.terminate()
  }

  private call(name: string, args: unknown[], transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure)
    const id = ++this.lastId
    const reply = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }))
    this.worker.ref()
    this.worker.postMessage({ id, name, args }, transfer)
    return reply
  }

  private settle({ id, result, error }: WorkerReply): void {
    const pending = this.pending.get(id)
    if (!pending) return
    this.pending.delete(id)
    if (this.pending.size === 0) this.worker.unref()
    if (error === undefined) return pending.resolve(result)
    // After an abort inside the WASM the module is unusable, so any engine error ends this worker.
    this.stopping = true
    // The engine's own log lines travel on stderr, separately from this reply: give them a moment to arrive.
    setTimeout(() => {
      const failure = stopped(error.message ?? 'unknown error', this.output, error.stack)
      pending.reject(failure)
      this.giveUp(failure)
    }, 20)
  }

  private giveUp(failure: ApiError): ApiError {
    this.fail(failure)
    void this.worker.terminate()
    return failure
  }

  private fail(failure: ApiError): ApiError {
    if (this.failure) return this.failure
    this.failure = failure
    for (const pending of this.pending.values()) pending.reject(failure)
    this.pending.clear()
    return failure
  }

  private remember(text: string): void {
    this.output.push(...text.split('\n').filter((line) => line.trim() !== ''))
    this.output.splice(0, Math.max(0, this.output.length - KEPT_OUTPUT_LINES))
  }
}

function pairOnly({ from, to }: LanguagePair): LanguagePair {
  return { from, to }
}

/** The engine failed; `summary` is the cause in a few words, for messages that add their own context. */
export class BergamotStopped extends ApiError {
  constructor(
    readonly summary: string,
    detail: string,
  ) {
    super('engine_unavailable', `The Bergamot engine stopped: ${summary}.`, detail)
  }
}

const MAX_SUMMARY_CHARS = 160

/** The first error line Marian logged says more than "Aborted()", so it leads when there is one. */
function stopped(reason: string, output: string[], stack?: string): BergamotStopped {
  const logged = output
    .find((line) => /error/i.test(line))
    ?.replace(/^\[[^\]]*\]\s*/, '')
    .replace(/^Error:\s*/, '')
  // Marian follows its message with source paths and internals that tell a user nothing.
  let summary = (logged ?? reason)
    .replace(/:?\s+(Internal:|\/src\/).*$/, '')
    .trim()
    .replace(/[.\s]+$/, '')
  if (summary.length > MAX_SUMMARY_CHARS) summary = `${summary.slice(0, MAX_SUMMARY_CHARS)}…`
  return new BergamotStopped(summary, [reason, stack, ...output].filter(Boolean).join('\n'))
}
