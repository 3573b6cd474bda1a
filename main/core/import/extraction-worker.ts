/** The worker thread that reads imported files and web pages into articles (started by extraction-thread.ts). */
import { parentPort } from 'node:worker_threads'

import { ApiError } from '../../api/errors'
import type { ExtractionAnswer, ExtractionRequest } from './extraction-thread'
import { extractFromHtmlBytes } from './html-page'

const port = parentPort!

function answer(request: ExtractionRequest): ExtractionAnswer {
  try {
    return { article: extractFromHtmlBytes(request.bytes, request.sourceName, request.url) }
  } catch (error) {
    if (error instanceof ApiError) return { error: error.toData() }
    return { unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
}

port.on('message', (request: ExtractionRequest) => port.postMessage(answer(request)))
port.postMessage({ ready: true })
