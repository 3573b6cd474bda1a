import { Worker } from 'node:worker_threads'

import { ApiError, type ErrorData } from '../../api/errors'
import type { ExtractedArticle } from './importer'

/**
 * Imported files and pages are read in a worker thread, so that a hostile or huge page never blocks the process
 * (the browser host serves every client from one thread), and is stopped once it takes longer than any article does.
 */

/** Real pages are read in well under a second; a page still being read after this is refused. */
const EXTRACTION_TIME_LIMIT_MS = 15_000
/** The worker's heap: a page within MAX_PAGE_MARKUP_BYTES needs a few hundred MB at most. */
const WORKER_HEAP_MB = 1024
/** A page's DOM is built in one go: a young generation of 48 MB halves the collections of the default 16 MB (65 → 32 ms for a page). */
const WORKER_NURSERY_MB = 48

/** A saved or fetched web page: its bytes, the file name or address it came by, and its final address if fetched. */
export interface ExtractionRequest {
  sourceName: string
  bytes: Uint8Array
  url: string | null
}

export type ExtractionAnswer = { article: ExtractedArticle } | { error: ErrorData } | { unexpected: string }

export interface ExtractionThread {
  /** Starts the worker ahead of the first page, for a run that is about to import. */
  warm(): void
  extract(request: ExtractionRequest): Promise<ExtractedArticle>
  close(): Promise<void>
}

/**
 * One worker, started on first use and replaced after one was stopped; requests take turns. `workerEntry` is the
 * script of extraction-worker.ts: built, or a loader of the source.
 */
export function createExtractionThread({
  workerEntry,
  timeLimitMs = EXTRACTION_TIME_LIMIT_MS,
}: {
  workerEntry: string
  timeLimitMs?: number
}): ExtractionThread {
  let started: Promise<Worker> | null = null
  let turn: Promise<unknown> = Promise.resolve()

  function start(): Promise<Worker> {
    started ??= startWorker(workerEntry)
    return started
  }

  async function extractNow(request: ExtractionRequest): Promise<ExtractedArticle> {
    const worker = await start().catch((error: unknown) => {
      started = null
      throw error
    })
    let answer: ExtractionAnswer
    try {
      answer = await answerOf(worker, request, timeLimitMs)
    } catch (stopped) {
      started = null
      void worker.terminate()
      throw stopped
    }
    if ('article' in answer) return answer.article
    if ('error' in answer) throw ApiError.fromData(answer.error)
    throw new Error(answer.unexpected)
  }

  return {
    warm() {
      start().catch(() => undefined) // a worker that cannot start says so to the first page it is given
    },
    extract(request) {
      const result = turn.then(() => extractNow(request))
      turn = result.catch(() => undefined)
      return result
    },
    async close() {
      const worker = await started?.catch(() => null)
      started = null
      await worker?.terminate()
    },
  }
}

/** A worker that has loaded the extraction code, idle and not keeping the process alive. */
function startWorker(workerEntry: string): Promise<Worker> {
  const worker = new Worker(workerEntry, {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_NURSERY_MB },
  })
  return new Promise((resolve, reject) => {
    // A worker can end before it is ready (seen under heavy load): left waiting, the process would end mid-import.
    const onExit = (code: number) => reject(new Error(`The extraction worker stopped (exit code ${code}) before it was ready.`))
    worker.once('message', () => {
      worker.off('error', reject).off('exit', onExit)
      worker.unref()
      resolve(worker)
    })
    worker.once('error', reject).once('exit', onExit)
  })
}

/** The worker's answer; rejects, and the worker must go, when it runs out of time or memory or dies. */
function answerOf(worker: Worker, request: ExtractionRequest, timeLimitMs: number): Promise<ExtractionAnswer> {
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer)
      worker.off('message', onMessage).off('error', onError).off('exit', onExit)
      worker.unref()
      settle()
    }
    const onMessage = (answer: ExtractionAnswer) => finish(() => resolve(answer))
    const onError = (error: Error & { code?: string }) =>
      finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge(request.sourceName) : error))
    const onExit = () => finish(() => reject(new Error('The extraction worker stopped.')))
    const timer = setTimeout(() => finish(() => reject(tooSlow(request.sourceName, timeLimitMs))), timeLimitMs)
    worker.on('message', onMessage).on('error', onError).on('exit', onExit)
    worker.ref()
    worker.postMessage(request)
  })
}

function tooSlow(sourceName: string, timeLimitMs: number): ApiError {
  const seconds = String(timeLimitMs / 1000)
  return new ApiError('invalid_input', {
    messageCode: 'page_too_slow',
    params: { file: sourceName, seconds },
    message: `${sourceName} was still being read after ${seconds} s, far longer than any article takes; it was not imported.`,
  })
}

function tooLarge(sourceName: string): ApiError {
  return new ApiError('invalid_input', {
    messageCode: 'page_too_large_to_read',
    params: { file: sourceName },
    message: `${sourceName} needs more memory to read than any article does; it was not imported.`,
  })
}
