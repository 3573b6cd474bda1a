import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'

import { Decompress as ZstdDecompress } from 'fzstd'

import { ApiError } from '../../../api/errors'

/** How a model file travels: as is, gzip (the Firefox Translations models repository) or zstd (newer Mozilla storage). */
export type Compression = 'none' | 'gz' | 'zst'

export interface FileDigest {
  size: number
  sha256: string
}

export function compressionOf(fileName: string): Compression {
  if (/\.gz$/i.test(fileName)) return 'gz'
  if (/\.zst$/i.test(fileName)) return 'zst'
  return 'none'
}

export function withoutCompressionSuffix(fileName: string): string {
  return fileName.replace(/\.(gz|zst)$/i, '')
}

/** How much a file may unpack before its compression ratio is looked at; models compress some 3 to 10 times. */
const RATIO_CHECKED_FROM_BYTES = 64 * 1024 * 1024
const MAX_RATIO = 1000

/** Where unpacking must stop: past `maxBytes` of output, or at a ratio only a compression bomb reaches. */
export interface UnpackLimit {
  maxBytes: number
  overflow: () => Error
}

/**
 * Node 20 has no zstd in zlib; fzstd decodes it in plain JavaScript, chunk by chunk. fzstd hands out everything one
 * input chunk unpacks to at once, back-pressure or not (98 KB can unpack to gigabytes), so the limit is enforced as
 * the output comes, inside the decoder.
 */
export function createZstdDecompressor(limit?: UnpackLimit): Transform {
  const decoder = new ZstdDecompress()
  let packed = 0
  let unpacked = 0
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      packed += chunk.length
      callIntoDecoder(() => decoder.push(chunk), callback)
    },
    flush(callback: TransformCallback) {
      callIntoDecoder(() => decoder.push(new Uint8Array(0), true), callback)
    },
  })
  decoder.ondata = (data) => {
    unpacked += data.length
    const bomb = unpacked > RATIO_CHECKED_FROM_BYTES && unpacked > MAX_RATIO * packed
    if (limit && (unpacked > limit.maxBytes || bomb)) throw limit.overflow()
    // fzstd may reuse its output window, so each chunk is copied before it leaves.
    transform.push(Buffer.from(data))
  }
  return transform
}

function callIntoDecoder(push: () => void, callback: TransformCallback): void {
  try {
    push()
    callback()
  } catch (error) {
    callback(error as Error)
  }
}

/** The stream that unpacks `compression`, or null for a file stored as is. */
export function createDecompressor(compression: Compression, limit?: UnpackLimit): Transform | null {
  if (compression === 'gz') return createGunzip()
  if (compression === 'zst') return createZstdDecompressor(limit)
  return null
}

/** Counts and hashes the bytes passing through, failing once more than `maxBytes` have passed. */
class DigestingCounter extends Transform {
  private readonly hash = createHash('sha256')
  size = 0

  constructor(
    private readonly maxBytes: number,
    private readonly describeOverflow: () => ApiError,
  ) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length
    if (this.size > this.maxBytes) return callback(this.describeOverflow())
    this.hash.update(chunk)
    callback(null, chunk)
  }

  digest(): FileDigest {
    return { size: this.size, sha256: this.hash.digest('hex') }
  }
}

export interface CopyOptions {
  compression: Compression
  maxBytes: number
  /** The name a user knows the file by, for error messages. */
  label: string
  signal?: AbortSignal
}

/**
 * Copies `source` to `target`, decompressing on the way, and returns the size and SHA-256 of what was written.
 * Stops past `maxBytes` of output, which also defuses compression bombs. On failure `target` is removed.
 */
export async function copyDecompressing(source: string, target: string, options: CopyOptions): Promise<FileDigest> {
  const unpacked = options.compression === 'none' ? '' : ' once unpacked'
  const overflow = () =>
    new ApiError(
      'invalid_input',
      `${options.label} is over ${formatBytes(options.maxBytes)}${unpacked}, more than any model file needs; it was not installed.`,
    )
  const counter = new DigestingCounter(options.maxBytes, overflow)
  try {
    const decompressor = createDecompressor(options.compression, { maxBytes: options.maxBytes, overflow })
    await pipeline([createReadStream(source), ...(decompressor ? [decompressor] : []), counter, createWriteStream(target)], {
      signal: options.signal,
    })
  } catch (error) {
    await rm(target, { force: true })
    if (error instanceof ApiError || options.signal?.aborted) throw error
    if (options.compression === 'none') throw error
    throw new ApiError(
      'corrupt_file',
      `${options.label} is not a valid ${options.compression === 'gz' ? 'gzip' : 'zstd'} file.`,
      String(error),
    )
  }
  return counter.digest()
}

export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk)
    size += chunk.length
  }
  return { size, sha256: hash.digest('hex') }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}
