/**
 * `visavis://article/<id>#p<n>` links and files handed to the app on its command line, as pure functions (no
 * Electron import) for unit tests. What the user or another program passes in is parsed strictly here, so the
 * window is only ever sent to a route built from a 16-hex id and a `p<n>` paragraph.
 */
import { extname, isAbsolute, resolve } from 'node:path'

import { ARTICLE_ID } from '../api/contract'
import { IMPORTABLE_EXTENSIONS } from '../core/import/importer'

export const DEEP_LINK_SCHEME = 'visavis'

export interface DeepLink {
  articleId: string
  paragraphId: string | null
}

const PARAGRAPH_ID = /^p\d{1,6}$/

/**
 * Reads `visavis://article/<id>`, `visavis://article/<id>#p3` or `visavis://article/<id>/p3` (case-insensitive scheme,
 * host and id; trailing slashes allowed). Anything else is null.
 */
export function parseDeepLink(raw: string): DeepLink | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.host.toLowerCase() !== 'article') return null
  if (url.search || url.username || url.password || url.port) return null
  const parts = url.pathname.split('/').filter(Boolean)
  if (parts.length < 1 || parts.length > 2) return null
  const articleId = parts[0]!.toLowerCase()
  if (!ARTICLE_ID.test(articleId)) return null
  const fromPath = parts[1]
  const fromHash = url.hash ? url.hash.slice(1).replace(/\/+$/, '') : undefined
  if (fromPath !== undefined && fromHash) return null
  const paragraphId = (fromPath ?? fromHash ?? '').toLowerCase() || null
  if (paragraphId !== null && !PARAGRAPH_ID.test(paragraphId)) return null
  return { articleId, paragraphId }
}

/** The renderer's route for a link: `#/article/<id>/p3`, or `#/article/<id>` for the article's start. */
export function routeHashFor({ articleId, paragraphId }: DeepLink): string {
  return paragraphId ? `#/article/${articleId}/${paragraphId}` : `#/article/${articleId}`
}

/** What a launch asks for: an article to show, and files to import (the `.html` file association, "Open with"). */
export interface LaunchRequest {
  deepLink: DeepLink | null
  files: string[]
}

export interface ArgvOptions {
  /** Leading arguments that are not the user's: the executable, and in development the app's folder or script. */
  skip: number
  /** Relative file arguments are resolved against this (the second instance's working folder). */
  cwd: string
}

/**
 * Finds a deep link and importable files among command-line arguments. Switches (`--no-sandbox`, the ones Chromium
 * adds) are ignored, so is anything that is neither a valid link nor a file with an article extension.
 */
export function launchRequestFromArgv(argv: readonly string[], { skip, cwd }: ArgvOptions): LaunchRequest {
  const request: LaunchRequest = { deepLink: null, files: [] }
  for (const argument of argv.slice(skip)) {
    if (argument.startsWith('-')) continue
    if (argument.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) {
      request.deepLink ??= parseDeepLink(argument)
      continue
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(argument)) continue
    if (IMPORTABLE_EXTENSIONS.includes(extname(argument).toLowerCase())) {
      request.files.push(isAbsolute(argument) ? argument : resolve(cwd, argument))
    }
  }
  return request
}

export function isEmptyRequest(request: LaunchRequest): boolean {
  return request.deepLink === null && request.files.length === 0
}
