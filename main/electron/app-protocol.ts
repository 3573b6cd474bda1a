/**
 * The app's own origin, `app://visavis/…`, and the rules of the desktop shell's web side, as pure functions (no
 * Electron import) so that unit tests can check them: which file a request may read, the headers it is served
 * with, which pages may call the API, and which links may leave for the browser.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

import { CONTENT_SECURITY_POLICY } from '../api/content-security-policy'

export const APP_SCHEME = 'app'
export const APP_HOST = 'visavis'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/** Module scripts are refused unless served with a JavaScript type, so the type comes from this table, never guessed. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** The headers of every file the app protocol serves. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  }
}

/**
 * The file under `rootDir` an `app://visavis/…` request names, or null when it names none: another scheme or host, a
 * malformed escape, a NUL or a backslash, or a path that leaves the folder (`..`, even encoded as `%2e%2e` or
 * `..%2f`, or an absolute or drive path). `/` is `index.html`.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const wanted = pathname.replace(/^\/+/, '')
  const root = resolve(rootDir)
  const file = resolve(root, wanted === '' ? 'index.html' : wanted)
  const inside = relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null
  return file
}

/**
 * Whether a page may call the API: the app's own origin, or in development (never in a packaged app, the caller
 * passes null then) the electron-vite dev server's origin.
 */
export function isTrustedRendererUrl(pageUrl: string, devServerUrl: string | null): boolean {
  let url: URL
  try {
    url = new URL(pageUrl)
  } catch {
    return false
  }
  if (url.protocol === `${APP_SCHEME}:`) return url.host.toLowerCase() === APP_HOST && url.username === '' && url.port === ''
  if (!devServerUrl) return false
  try {
    const dev = new URL(devServerUrl)
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && url.origin === dev.origin
  } catch {
    return false
  }
}

/** The address a link may open in the user's browser: http(s) only, never file:, javascript:, custom schemes… */
export function externalHttpUrl(rawUrl: string): string | null {
  try {
    const url = new URL(rawUrl)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** The address to load for a route of the renderer (`#/article/<id>/p3`), from the app origin or the dev server. */
export function rendererUrlFor(hash: string, devServerUrl: string | null): string {
  const base = (devServerUrl ?? APP_ENTRY_URL).split('#')[0]!
  return hash ? `${base}${hash.startsWith('#') ? hash : `#${hash}`}` : base
}
