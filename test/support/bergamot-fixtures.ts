import { createHash, randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'

/**
 * Stand-in model files for the model manager's tests: random bytes under the names Firefox Translations uses.
 * Nothing here can translate; the engine refuses such files, which is what the engine's failure test relies on.
 */

export type ModelFileSet = Record<'model' | 'lex' | 'vocab', { name: string; body: Buffer }>

export function randomModelFiles(pair = 'fren', sizes = { model: 96 * 1024, lex: 40 * 1024, vocab: 8 * 1024 }): ModelFileSet {
  return {
    model: { name: `model.${pair}.intgemm.alphas.bin`, body: randomBytes(sizes.model) },
    lex: { name: `lex.50.50.${pair}.s2t.bin`, body: randomBytes(sizes.lex) },
    vocab: { name: `vocab.${pair}.spm`, body: randomBytes(sizes.vocab) },
  }
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export type Packing = 'none' | 'gz' | 'zst'

export function pack(body: Buffer, packing: Packing): Buffer {
  if (packing === 'gz') return gzipSync(body)
  if (packing === 'zst') return zstdStoredFrame(body)
  return body
}

/** A registry entry (Firefox Translations format) describing `files`, whose payloads travel packed as `packing`. */
export function registryEntry(files: ModelFileSet, packing: Packing = 'none'): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(files).map(([role, file]) => [
      role,
      {
        name: packing === 'none' ? file.name : `${file.name}.${packing}`,
        size: file.body.length,
        estimatedCompressedSize: pack(file.body, packing).length,
        expectedSha256Hash: sha256(file.body),
        modelType: 'prod',
      },
    ]),
  )
}

/**
 * A valid zstd frame whose blocks are stored, not compressed: enough to exercise the zstd path without a zstd
 * encoder (fzstd only decodes).
 */
export function zstdStoredFrame(data: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32LE(0xfd2fb528, 0)
  header[4] = 0xe0 // 8-byte content size, single segment, no checksum, no dictionary
  header.writeBigUInt64LE(BigInt(data.length), 5)
  const blocks: Buffer[] = []
  const maxBlock = 128 * 1024
  for (let offset = 0; offset === 0 || offset < data.length; offset += maxBlock) {
    const chunk = data.subarray(offset, offset + maxBlock)
    const last = offset + maxBlock >= data.length ? 1 : 0
    const blockHeader = Buffer.alloc(3)
    blockHeader.writeUIntLE((chunk.length << 3) | last, 0, 3)
    blocks.push(blockHeader, chunk)
  }
  return Buffer.concat([header, ...blocks])
}

/** A real zstd file (zstd -19) of the French line below repeated; checks fzstd on compressed blocks. */
export const ZSTD_SAMPLE = {
  compressed: Buffer.from('KLUv/WQ/Bi0BAOhMZSBjaGF0IGRvcnQgc3VyIGxlIGNhbmFww6kuIAEAfQx+5QQjRCD+', 'base64'),
  text: 'Le chat dort sur le canapé. '.repeat(64).trim(),
}

export interface TarEntry {
  name: string
  body?: Buffer
  /** '0' file (default), '5' folder, '2' symbolic link, 'x' pax header. */
  type?: string
  linkName?: string
  /** The size written in the header, when a test wants it to lie. */
  declaredSize?: number
}

/** A ustar archive, written by hand so tests can make entries a real tar tool would refuse to write. */
export function tarArchive(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = []
  for (const entry of entries) {
    const body = entry.body ?? Buffer.alloc(0)
    blocks.push(tarHeader(entry, entry.declaredSize ?? body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return Buffer.concat(blocks)
}

function tarHeader(entry: TarEntry, size: number): Buffer {
  const header = Buffer.alloc(512)
  header.write(entry.name, 0, 100, 'utf8')
  header.write('0000644\0', 100, 'latin1')
  header.write('0000000\0', 108, 'latin1')
  header.write('0000000\0', 116, 'latin1')
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1')
  header.write('00000000000\0', 136, 'latin1')
  header.write(entry.type ?? '0', 156, 'latin1')
  if (entry.linkName) header.write(entry.linkName, 157, 100, 'utf8')
  header.write('ustar\0', 257, 'latin1')
  header.write('00', 263, 'latin1')
  header.fill(0x20, 148, 156)
  const sum = header.reduce((total, byte) => total + byte, 0)
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
  return header
}

/** A pax record "<length> key=value\n", whose length counts itself. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`
  let length = body.length + 1
  while (`${length}${body}`.length !== length) length += 1
  return `${length}${body}`
}

/**
 * A zstd bomb: a frame of RLE blocks, each 4 bytes that unpack to 128 KB of zeros, so `blocks` × 4 bytes unpack to
 * `blocks` × 128 KB (25,000 blocks: 100 KB that unpack to 3.3 GB).
 */
export function zstdBomb(blocks: number): Buffer {
  const BLOCK_SIZE = 128 * 1024
  const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]) // magic, no checksum, window 128 KB
  const block = (last: boolean) => {
    const value = (BLOCK_SIZE << 3) | (1 << 1) | (last ? 1 : 0) // size, type RLE, last-block flag
    return Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, 0x00])
  }
  return Buffer.concat([header, ...Array.from({ length: blocks }, (_, i) => block(i === blocks - 1))])
}
