import { open, rm, stat } from 'node:fs/promises'

import { ApiError } from '../../../api/errors'
import { abortError } from './abort'
import { formatBytes } from './file-streams'

/**
 * Fetches one URL into a `.part` file that survives failures: the next attempt asks the server only for the bytes
 * still missing (HTTP Range), and starts over from zero when the server cannot resume.
 *
 * A server may compress the file on the way (Content-Encoding: gzip) even when asked not to, as Firefox's model
 * bucket does (its files were uploaded with `gsutil cp -Z`). fetch decodes such a body, so the part holds the decoded
 * bytes while Content-Length and any Range count the compressed ones: the download is then counted in decoded bytes,
 * and a later attempt that gets a part of such a body starts over.
 */
export interface ResumableDownload {
  url: string
  partPath: string
  /** The file's name for messages. */
  label: string
  /** More than this many bytes, announced or received, stops the download and deletes the part. */
  maxBytes: number
  fetch: typeof fetch
  signal?: AbortSignal
  onBytes?: (progress: PartProgress) => void
}

export interface PartProgress {
  /** Bytes in the part so far, resumed ones included. */
  held: number
  /** The part's final size once the server has said it. */
  total: number | undefined
  /** The server compressed the body on the way: `held` counts decoded bytes, and no total is known. */
  decoded: boolean
}

type Receive = { kind: 'append' | 'overwrite'; offset: number; total: number | undefined; decoded: boolean }
type WritePlan = Receive | { kind: 'complete' } | { kind: 'restart' }

export async function downloadResumable(job: ResumableDownload): Promise<void> {
  const held = await sizeOf(job.partPath)
  const response = await request(job, held)
  const plan = planWrite(job, response, held)
  if (plan.kind === 'complete' || plan.kind === 'restart') {
    await response.body?.cancel()
    if (plan.kind === 'complete') return job.onBytes?.({ held, total: held, decoded: false })
    await rm(job.partPath, { force: true })
    return downloadResumable(job)
  }
  if (plan.total !== undefined && plan.total > job.maxBytes) {
    await response.body?.cancel()
    await rm(job.partPath, { force: true })
    throw new ApiError(
      'invalid_input',
      `${job.label} is ${formatBytes(plan.total)}, more than the ${formatBytes(job.maxBytes)} allowed; not downloaded.`,
    )
  }
  await receiveBody(job, response, plan)
}

async function request(job: ResumableDownload, held: number): Promise<Response> {
  // identity: a body decoded on the way cannot be resumed by byte offset (some servers compress it all the same).
  const headers: Record<string, string> = { 'Accept-Encoding': 'identity', ...(held > 0 ? { Range: `bytes=${held}-` } : {}) }
  try {
    return await job.fetch(job.url, { headers, signal: job.signal })
  } catch (error) {
    if (job.signal?.aborted) throw abortError(job.signal)
    throw new ApiError(
      'engine_unavailable',
      `Could not reach ${new URL(job.url).host} to download ${job.label}. Check the connection and try again.`,
      String(error),
    )
  }
}

function planWrite(job: ResumableDownload, response: Response, held: number): WritePlan {
  const range = parseContentRange(response.headers.get('content-range'))
  const decoded = isEncoded(response)
  if (response.status === 206) {
    if (!range || range.start !== held || decoded) {
      if (held > 0) return { kind: 'restart' }
      throw new ApiError(
        'engine_unavailable',
        `Could not download ${job.label}: ${job.url} sent a part of the file that was not asked for.`,
      )
    }
    return { kind: 'append', offset: held, total: range.total, decoded }
  }
  if (response.status === 416 && held > 0) return range?.total === held ? { kind: 'complete' } : { kind: 'restart' }
  if (response.ok) return { kind: 'overwrite', offset: 0, total: decoded ? undefined : contentLength(response), decoded }
  throw new ApiError(
    'engine_unavailable',
    `Could not download ${job.label}: ${job.url} answered ${response.status} ${response.statusText}.`,
  )
}

async function receiveBody(job: ResumableDownload, response: Response, plan: Receive): Promise<void> {
  const handle = await open(job.partPath, plan.kind === 'append' ? 'a' : 'w')
  let held = plan.offset
  try {
    for await (const chunk of response.body ?? []) {
      held += chunk.byteLength
      if (held > job.maxBytes) throw oversize(job)
      await handle.write(chunk)
      job.onBytes?.({ held, total: plan.total, decoded: plan.decoded })
      // Node 20's fetch can leave a body that was read to its end pending forever once aborted.
      job.signal?.throwIfAborted()
    }
  } catch (error) {
    if (job.signal?.aborted) throw abortError(job.signal)
    if (error instanceof ApiError) throw error
    throw interrupted(job, held, error)
  } finally {
    await handle.close()
    if (held > job.maxBytes) await rm(job.partPath, { force: true })
  }
  if (plan.total !== undefined && held !== plan.total) throw interrupted(job, held, `${held} of ${plan.total} bytes`)
}

function oversize(job: ResumableDownload): ApiError {
  return new ApiError(
    'corrupt_file',
    `The server sent more than ${formatBytes(job.maxBytes)} for ${job.label}; the download was stopped and deleted.`,
  )
}

function interrupted(job: ResumableDownload, held: number, cause: unknown): ApiError {
  return new ApiError(
    'engine_unavailable',
    `The download of ${job.label} stopped after ${formatBytes(held)}. Download again to resume where it stopped.`,
    String(cause),
  )
}

// "bytes 100-199/1000", or "bytes */1000" in an answer to a range past the end.
function parseContentRange(header: string | null): { start: number | undefined; total: number | undefined } | null {
  const match = header ? /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(header.trim()) : null
  if (!match) return null
  return { start: match[1] === undefined ? undefined : Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) }
}

/** Compressed on the way (Content-Encoding), which fetch undoes. */
function isEncoded(response: Response): boolean {
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase()
  return encoding !== undefined && encoding !== '' && encoding !== 'identity'
}

function contentLength(response: Response): number | undefined {
  const header = response.headers.get('content-length')
  return header && /^\d+$/.test(header) ? Number(header) : undefined
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}
