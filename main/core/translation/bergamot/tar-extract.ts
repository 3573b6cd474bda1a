import { createReadStream } from 'node:fs'
import { mkdir, open } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative } from 'node:path'
import type { Readable } from 'node:stream'

import { ApiError } from '../../../api/errors'
import { type Compression, createDecompressor, formatBytes } from './file-streams'

/**
 * Unpacks a tar archive (plain, gzip or zstd) into a folder, refusing anything that could write outside it (absolute
 * paths, "..", links) and any size no model needs. Reads as it goes: the archive is never held in memory.
 */

export interface ExtractLimits {
  maxFileBytes: number
  maxTotalBytes: number
  maxEntries: number
}

const BLOCK = 512
const MAX_METADATA_BYTES = 64 * 1024

export const ARCHIVE_KINDS = ['.tar', '.tar.gz', '.tgz', '.tar.zst', '.tzst'] as const

export async function extractArchive(archivePath: string, destination: string, limits: ExtractLimits): Promise<void> {
  const label = basename(archivePath)
  const input = openDecompressed(archivePath, label, limits)
  try {
    await extractTar(input[Symbol.asyncIterator]() as AsyncIterator<Buffer>, destination, limits, label)
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('corrupt_file', `${label} could not be unpacked; it is damaged or not a tar archive.`, String(error))
  } finally {
    input.destroy()
  }
}

/** The archive's compression, from its name; a name no archive kind has is refused (before the file is looked at). */
export function archiveKindOf(archivePath: string): Compression {
  const compression = archiveCompression(archivePath.toLowerCase())
  if (compression) return compression
  const hint = /\.zip$/i.test(archivePath) ? ' Zip archives are not supported: unpack it and import the folder instead.' : ''
  throw new ApiError('invalid_input', `${basename(archivePath)} is not an archive Vis-à-vis can read (${ARCHIVE_KINDS.join(', ')}).${hint}`)
}

function openDecompressed(archivePath: string, label: string, limits: ExtractLimits): Readable {
  const compression = archiveKindOf(archivePath)
  const file = createReadStream(archivePath)
  const decompressor = createDecompressor(compression, {
    // Tar headers and padding come on top of the files' bytes.
    maxBytes: limits.maxTotalBytes + limits.maxEntries * 1024 + MAX_METADATA_BYTES,
    overflow: () => new ApiError('invalid_input', `${label} unpacks to more than ${formatBytes(limits.maxTotalBytes)}; not imported.`),
  })
  if (!decompressor) return file
  file.on('error', (error) => decompressor.destroy(error))
  decompressor.on('close', () => file.destroy())
  return file.pipe(decompressor)
}

function archiveCompression(name: string): Compression | null {
  if (name.endsWith('.tar')) return 'none'
  if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) return 'gz'
  if (name.endsWith('.tar.zst') || name.endsWith('.tzst')) return 'zst'
  return null
}

interface TarHeader {
  name: string
  size: number
  type: string
}

/** Overrides that a pax header ('x') or a GNU long name ('L') sets for the entry after it. */
interface NextEntry {
  name?: string
  size?: number
}

export async function extractTar(chunks: AsyncIterator<Buffer>, destination: string, limits: ExtractLimits, label: string): Promise<void> {
  const reader = new ByteReader(chunks, () => new ApiError('corrupt_file', `${label} ends in the middle of a file; it is incomplete.`))
  let next: NextEntry = {}
  let entries = 0
  let totalBytes = 0
  for (;;) {
    const block = await reader.read(BLOCK)
    if (block.length === 0 || isZeroBlock(block)) return
    if (block.length < BLOCK) throw new ApiError('corrupt_file', `${label} ends in the middle of a header; it is incomplete.`)
    const header = parseHeader(block, label)
    const name = next.name ?? header.name
    const size = next.size ?? header.size
    next = {}

    entries += 1
    totalBytes += size
    checkLimits({ name, size, entries, totalBytes }, limits, label)
    const padding = (BLOCK - (size % BLOCK)) % BLOCK

    switch (header.type) {
      case 'x':
        next = parsePax(await readMetadata(reader, size, label))
        break
      case 'L':
        next = { name: cString(await readMetadata(reader, size, label)) }
        break
      case '1':
      case '2':
        throw new ApiError(
          'invalid_input',
          `${label} contains a link (${name}); model archives hold plain files only, so it was not imported.`,
        )
      case '0':
      case '\0':
      case '7':
        await writeEntry(reader, destination, safeRelativePath(name, label), size)
        break
      case '5':
        await mkdir(join(destination, safeRelativePath(name, label)), { recursive: true })
        await reader.skip(size)
        break
      default:
        // Global pax headers, devices, fifos, GNU extras: nothing a model needs, so they are not written.
        await reader.skip(size)
    }
    await reader.skip(padding)
  }
}

function checkLimits(
  entry: { name: string; size: number; entries: number; totalBytes: number },
  limits: ExtractLimits,
  label: string,
): void {
  if (entry.entries > limits.maxEntries) {
    throw new ApiError('invalid_input', `${label} holds more than ${limits.maxEntries} entries, far more than a model needs; not imported.`)
  }
  if (entry.size > limits.maxFileBytes) {
    throw new ApiError(
      'invalid_input',
      `${label} holds ${entry.name} of ${formatBytes(entry.size)}, more than the ${formatBytes(limits.maxFileBytes)} allowed; not imported.`,
    )
  }
  if (entry.totalBytes > limits.maxTotalBytes) {
    throw new ApiError('invalid_input', `${label} unpacks to more than ${formatBytes(limits.maxTotalBytes)}; not imported.`)
  }
}

async function writeEntry(reader: ByteReader, destination: string, relativePath: string, size: number): Promise<void> {
  if (relativePath === '') return reader.skip(size)
  const target = join(destination, relativePath)
  const fromRoot = relative(destination, target)
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) throw new Error(`unsafe path ${relativePath}`)
  await mkdir(dirname(target), { recursive: true })
  const handle = await open(target, 'w')
  try {
    await reader.forEachChunk(size, async (chunk) => {
      await handle.write(chunk)
    })
  } finally {
    await handle.close()
  }
}

/** The entry's path relative to the destination, or an error when it would land outside it. */
export function safeRelativePath(name: string, label: string): string {
  const parts = name.split('/').filter((part) => part !== '' && part !== '.')
  const escapes = name.startsWith('/') || /^[a-zA-Z]:/.test(name) || /[\\\0]/.test(name) || parts.includes('..')
  if (escapes) {
    throw new ApiError('invalid_input', `${label} has an entry that points outside its folder (${name}); refusing to import it.`)
  }
  return parts.join('/')
}

function parseHeader(block: Buffer, label: string): TarHeader {
  const damaged = () => new ApiError('corrupt_file', `${label} is damaged or not a tar archive.`)
  if (!checksumMatches(block)) throw damaged()
  if ((block[124]! & 0x80) !== 0) {
    throw new ApiError('invalid_input', `${label} holds a file of several gigabytes, more than any model needs; not imported.`)
  }
  const size = parseOctal(block.subarray(124, 136))
  if (size === null) throw damaged()
  const name = cString(block.subarray(0, 100))
  const isUstar = block.subarray(257, 262).toString('latin1') === 'ustar'
  const prefix = isUstar ? cString(block.subarray(345, 500)) : ''
  const typeByte = block[156]!
  return { name: prefix ? `${prefix}/${name}` : name, size, type: typeByte === 0 ? '\0' : String.fromCharCode(typeByte) }
}

function checksumMatches(block: Buffer): boolean {
  const stored = parseOctal(block.subarray(148, 156))
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!
  return stored === sum
}

function parseOctal(field: Buffer): number | null {
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^[ ]+/, '')
  if (text === '') return 0
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : null
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8')
}

function isZeroBlock(block: Buffer): boolean {
  return block.length === BLOCK && block.every((byte) => byte === 0)
}

async function readMetadata(reader: ByteReader, size: number, label: string): Promise<Buffer> {
  if (size > MAX_METADATA_BYTES) throw new ApiError('invalid_input', `${label} has an oversized tar header; not imported.`)
  const data = await reader.read(size)
  if (data.length < size) throw new ApiError('corrupt_file', `${label} ends in the middle of a header; it is incomplete.`)
  return data
}

/** pax records are "<length> <key>=<value>\n"; only the path and size matter here. */
function parsePax(data: Buffer): NextEntry {
  const next: NextEntry = {}
  let offset = 0
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset)
    const length = space === -1 ? NaN : Number(data.subarray(offset, space).toString('latin1'))
    if (!Number.isInteger(length) || length <= 0) break
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8')
    const equals = record.indexOf('=')
    const key = record.slice(0, equals)
    const value = record.slice(equals + 1)
    if (key === 'path') next.name = value
    if (key === 'size' && /^\d+$/.test(value)) next.size = Number(value)
    offset += length
  }
  return next
}

/** Exact-length reads over a stream of chunks. */
class ByteReader {
  private pending: Buffer = Buffer.alloc(0)
  private ended = false

  constructor(
    private readonly chunks: AsyncIterator<Buffer>,
    private readonly truncated: () => Error,
  ) {}

  /** `length` bytes, or fewer only where the input ends. */
  async read(length: number): Promise<Buffer> {
    while (this.pending.length < length && !this.ended) await this.pull()
    const bytes = this.pending.subarray(0, length)
    this.pending = this.pending.subarray(bytes.length)
    return bytes
  }

  /** Passes the next `length` bytes to `sink` piece by piece, so a large file never sits in memory. */
  async forEachChunk(length: number, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
    let left = length
    while (left > 0) {
      if (this.pending.length === 0) {
        if (this.ended) throw this.truncated()
        await this.pull()
        continue
      }
      const piece = this.pending.subarray(0, Math.min(left, this.pending.length))
      this.pending = this.pending.subarray(piece.length)
      left -= piece.length
      await sink(piece)
    }
  }

  skip(length: number): Promise<void> {
    return this.forEachChunk(length, async () => {})
  }

  private async pull(): Promise<void> {
    const next = await this.chunks.next()
    if (next.done) this.ended = true
    else this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, next.value]) : next.value
  }
}
