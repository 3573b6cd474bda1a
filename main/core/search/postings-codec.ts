/**
 * A term's postings (`document number × 256 + frequency`, in document order: documents are numbered as they are
 * added, and compaction keeps the order) as a short base64 string: their count, then per posting the step from the
 * previous document and the frequency, each a varint. About 3 characters a
 * posting where JSON numbers take 9, and a string the index keeps as it is until the term changes.
 */

export function encodePostings(list: readonly number[]): string {
  const bytes = new Uint8Array(5 + list.length * 7)
  let at = writeVarint(bytes, 0, list.length)
  let previous = 0
  for (const posting of list) {
    const document = Math.floor(posting / 256)
    at = writeVarint(bytes, at, document - previous)
    at = writeVarint(bytes, at, posting % 256)
    previous = document
  }
  return Buffer.from(bytes.buffer, 0, at).toString('base64')
}

/** Calls `visit` with each posting in order, decoded one at a time (a common term's list would be large). */
export function forEachPosting(encoded: string, visit: (posting: number) => void): void {
  const reader = { bytes: Buffer.from(encoded, 'base64'), at: 0 }
  const count = readVarint(reader)
  let document = 0
  for (let i = 0; i < count; i++) {
    document += readVarint(reader)
    visit(document * 256 + readVarint(reader))
  }
}

/** How many postings an encoded list holds, without decoding it. */
export function countOfPostings(encoded: string): number {
  return readVarint({ bytes: Buffer.from(encoded.slice(0, 8), 'base64'), at: 0 })
}

function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    bytes[at++] = (value % 0x80) | 0x80
    value = Math.floor(value / 0x80)
  }
  bytes[at++] = value
  return at
}

function readVarint(reader: { bytes: Uint8Array; at: number }): number {
  let value = 0
  let scale = 1
  for (;;) {
    const byte = reader.bytes[reader.at++]!
    value += (byte & 0x7f) * scale
    if (byte < 0x80) return value
    scale *= 0x80
  }
}
