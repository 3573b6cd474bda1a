import { MAX_IMPORT_BYTES } from '../../api/shapes'
import { ApiError } from '../../api/errors'

/**
 * Turns a file's bytes into text, refusing what is not text. UTF-8 (with or without BOM) and UTF-16 with a BOM are
 * read as such; bytes that are not valid UTF-8 are read as Windows-1252, the superset of ISO-8859-1 that French
 * pages saved on Windows use.
 */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new ApiError('invalid_input', `${fileName} is empty: there is nothing to import.`)
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ApiError('invalid_input', `${fileName} is over 20 MB: too large to be an article.`)
  }
  const text = decodeWithBom(bytes) ?? decodeUtf8OrWindows1252(bytes)
  if (looksBinary(text)) throw new ApiError('invalid_input', `${fileName} is not a text file: it looks binary.`)
  if (text.trim() === '') throw new ApiError('invalid_input', `${fileName} holds only blank space: there is nothing to import.`)
  return text
}

function decodeWithBom(bytes: Uint8Array): string | null {
  const [b0, b1, b2] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  return null
}

function decodeUtf8OrWindows1252(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return decodeWindows1252(bytes)
  }
}

// Node's TextDecoder reads 'windows-1252' as ISO-8859-1, losing œ, €, ’, … in 0x80–0x9F; map that range ourselves.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!)
}

/** NUL bytes, or more than 1 % control characters other than tab, newline and carriage return. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true
  const sample = text.slice(0, 64 * 1024)
  const controls = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0
  return controls > sample.length / 100
}
