import { ApiError } from '../../api/errors'
import { MAX_IMPORT_BYTES } from '../../api/shapes'

/**
 * Turns a file's bytes into text, refusing what is not text. A byte order mark wins; otherwise `decode` reads them:
 * for a text file, valid UTF-8 as UTF-8 and anything else as Windows-1252, the superset of ISO-8859-1 that French
 * pages saved on Windows use; for a web page, `decodeHtml`.
 */
export function decodeText(bytes: Uint8Array, fileName: string, decode = decodeUtf8OrWindows1252): string {
  if (bytes.length === 0) throw new ApiError('invalid_input', `${fileName} is empty: there is nothing to import.`)
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ApiError('invalid_input', `${fileName} is over 20 MB: too large to be an article.`)
  }
  const text = decodeWithBom(bytes) ?? decode(bytes)
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

/**
 * Node 20.18.3 and later decode "windows-1252" (and the labels that mean it: latin1, iso-8859-1, ascii) as ISO-8859-1,
 * so œ, €, ’, “ ” and the other characters at 0x80-0x9F come out as C1 controls (nodejs/node#56542): map that range
 * ourselves (the five bytes Windows-1252 leaves undefined stay C1 controls). Right with a fixed decoder too.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!)
}

/**
 * Turns a saved page's bytes into text the way browsers do: a byte order mark wins, then a charset declared in the
 * first 4 KB (`<meta charset>`, `<meta http-equiv="Content-Type">`, an XML declaration). A page that declares
 * nothing is read as UTF-8 when it is valid UTF-8, else as Windows-1252 (the superset of ISO-8859-1 that French
 * pages saved on Windows use). A page that declares UTF-8 but is plainly not UTF-8 is read as Windows-1252 too.
 */
export function decodeHtml(bytes: Uint8Array): string {
  const withBom = decodeWithBom(bytes)
  if (withBom !== null) return withBom
  const declared = declaredCharset(bytes)
  if (declared === 'windows-1252') return decodeWindows1252(bytes)
  if (declared !== null && declared !== 'utf-8') return new TextDecoder(declared).decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes)
    if (declared === 'utf-8' && mostlyValidUtf8(lenient)) return lenient
    return decodeWindows1252(bytes)
  }
}

/** The encoding a page declares in its first 4 KB, as a label TextDecoder accepts, or null. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096))
  const candidates: string[] = []
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta)
    if (direct?.[1]) candidates.push(direct[1])
  }
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)
  if (xml?.[1]) candidates.push(xml[1])
  for (const label of candidates) {
    const encoding = supportedEncoding(label)
    if (encoding !== null) return encoding
  }
  return null
}

function supportedEncoding(label: string): string | null {
  try {
    const encoding = new TextDecoder(label.trim().toLowerCase()).encoding
    // An ASCII-compatible <meta> that names UTF-16 cannot be right (the HTML standard reads such pages as UTF-8).
    if (encoding.startsWith('utf-16')) return 'utf-8'
    return encoding
  } catch {
    return null
  }
}

/** Declared UTF-8 with a few broken bytes stays UTF-8; text with more broken sequences than accented letters is not. */
function mostlyValidUtf8(text: string): boolean {
  const broken = text.match(/\ufffd/g)?.length ?? 0
  const accented = text.match(/[\u00c0-\u024f\u2018-\u201e\u20ac]/g)?.length ?? 0
  return broken <= accented
}

/** NUL bytes, or more than 1 % control characters other than tab, newline and carriage return. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true
  const sample = text.slice(0, 64 * 1024)
  // eslint-disable-next-line no-control-regex -- control characters are what this counts
  const controls = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0
  return controls > sample.length / 100
}
