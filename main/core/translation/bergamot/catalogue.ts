import { readFile } from 'node:fs/promises'

import { z } from 'zod'

import { ApiError } from '../../../api/errors'
import { type Compression, compressionOf, formatBytes, withoutCompressionSuffix } from './file-streams'
import { type FileRole, plainFileName, sha256Hex, versionFromModelHash } from './model-manifest'

/**
 * The catalogue of models one can download, in the Firefox Translations registry format:
 *
 *   { "fren": { "model": { "name": "model.fren.intgemm.alphas.bin", "size": 17140961,
 *                          "estimatedCompressedSize": 12641501, "expectedSha256Hash": "185f…" },
 *               "lex": {…}, "vocab": {…} },            // or "srcvocab" and "trgvocab"; "qualityModel" optional
 *     … }
 *
 * Keys are pairs ("fren", or "fr-en" for codes of other lengths). `size` and `expectedSha256Hash` describe the file
 * as installed. A file is fetched from `<catalogue folder>/<pair>/<name>`, as Firefox Translations did, unless it
 * gives a `url` (absolute, or relative to the catalogue) or its `name` is itself an http(s) address (as in
 * @browsermt/bergamot-translator's registry). It travels gzip- or zstd-compressed when its name or url ends in ".gz"
 * or ".zst", or when it says `"compression": "gz" | "zst"` (then ".gz"/".zst" is added to the default address).
 * A server may also compress a file on the way (Content-Encoding), as Firefox's bucket does for every file;
 * `estimatedCompressedSize` is then what travels.
 */

/**
 * The catalogues read when none is configured, in order: the next is tried when one does not answer.
 * First the registry of Firefox Translations' last models (`modelRegistryVersion` 0.3.4 in its modelRegistry.js),
 * published beside them; then the one @browsermt/bergamot-translator reads by default (`registryUrl` in translator.js).
 */
export const DEFAULT_CATALOGUE_URLS: CatalogueSources = [
  'https://storage.googleapis.com/bergamot-models-sandbox/0.3.4/registry.json',
  'https://bergamot.s3.amazonaws.com/models/index.json',
]

const MAX_CATALOGUE_BYTES = 8 * 1024 * 1024

export interface CatalogueFile {
  role: FileRole
  /** The file's name once installed (decompressed). */
  name: string
  size: number
  sha256: string
  url: string
  compression: Compression
  /** What travels over the network, as far as the catalogue knows: its compressed size when it gives one. */
  transferSize: number
}

/** Catalogues (http(s) URLs or files) in order of preference. */
export type CatalogueSources = readonly [string, ...string[]]

/** A catalogue's models, and the catalogue (URL or file) they came from. */
export interface LoadedCatalogue {
  source: string
  models: CatalogueModel[]
}

export interface CatalogueModel {
  name: string
  from: string
  to: string
  version: string
  files: CatalogueFile[]
  config?: Record<string, string>
}

const registryFile = z.object({
  name: z
    .string()
    .max(2048)
    .refine((name) => plainFileName.safeParse(installedName(name)).success, 'a plain file name, or an http(s) address ending in one'),
  size: z.number().int().positive(),
  estimatedCompressedSize: z.number().int().positive().optional(),
  expectedSha256Hash: sha256Hex,
  modelType: z.string().optional(),
  url: z.string().min(1).optional(),
  compression: z.enum(['gz', 'zst']).optional(),
})
type RegistryFile = z.infer<typeof registryFile>

const registryModel = z
  .object({
    model: registryFile,
    lex: registryFile,
    vocab: registryFile.optional(),
    srcvocab: registryFile.optional(),
    trgvocab: registryFile.optional(),
    qualityModel: registryFile.optional(),
    config: z.record(z.string(), z.string()).optional(),
  })
  .refine((files) => files.vocab || (files.srcvocab && files.trgvocab), 'needs a "vocab", or a "srcvocab" and a "trgvocab"')

const registrySchema = z.record(z.string(), registryModel)

const REGISTRY_ROLES: FileRole[] = ['model', 'lex', 'vocab', 'srcvocab', 'trgvocab', 'qualityModel']

/** "fren" → fr, en; "fr-en" and "fra-eng" too. Four letters with no dash are two and two, as in Firefox's registry. */
export function parsePairKey(key: string): { from: string; to: string } | null {
  const match = /^([a-z]{2,3})-([a-z]{2,3})$/.exec(key) ?? /^([a-z]{2})([a-z]{2})$/.exec(key)
  return match ? { from: match[1]!, to: match[2]! } : null
}

/**
 * Reads a registry already parsed from JSON. `baseUrl` is where the registry came from; relative addresses are
 * resolved against it.
 */
export function parseCatalogue(json: unknown, baseUrl: string | undefined): CatalogueModel[] {
  const parsed = registrySchema.safeParse(json)
  if (!parsed.success) {
    throw new ApiError(
      'invalid_input',
      `The model catalogue is not in the Firefox Translations registry format: ${describeIssue(parsed.error.issues[0])}.`,
      z.prettifyError(parsed.error),
    )
  }
  return Object.entries(parsed.data)
    .map(([key, entry]) => catalogueModel(key, entry, baseUrl))
    .sort((a, b) => a.name.localeCompare(b.name))
}

function catalogueModel(key: string, entry: z.infer<typeof registryModel>, baseUrl: string | undefined): CatalogueModel {
  const pair = parsePairKey(key)
  if (!pair) {
    throw new ApiError('invalid_input', `The model catalogue names a model "${key}"; expected a pair such as "fren" or "fr-en".`)
  }
  const files = REGISTRY_ROLES.flatMap((role) => {
    const file = entry[role]
    return file ? [catalogueFile(key, role, file, baseUrl)] : []
  })
  return {
    name: key,
    ...pair,
    version: versionFromModelHash(entry.model.expectedSha256Hash),
    files,
    ...(entry.config ? { config: entry.config } : {}),
  }
}

function catalogueFile(key: string, role: FileRole, file: RegistryFile, baseUrl: string | undefined): CatalogueFile {
  const name = installedName(file.name)
  const declared: Compression = file.compression ?? compressionOf(file.url ?? file.name)
  const nameSuffix = compressionOf(name) === 'none' && declared !== 'none' ? `.${declared}` : ''
  const location =
    file.url ?? (isHttpAddress(file.name) ? file.name : `${encodeURIComponent(key)}/${encodeURIComponent(name)}${nameSuffix}`)
  return {
    role,
    name: withoutCompressionSuffix(name),
    size: file.size,
    sha256: file.expectedSha256Hash,
    url: resolveUrl(location, baseUrl, `${key}/${name}`),
    compression: declared,
    transferSize: file.estimatedCompressedSize ?? file.size,
  }
}

function isHttpAddress(name: string): boolean {
  return /^https?:\/\//i.test(name)
}

/** A registry `name` is the file's name, or an address whose last segment is. */
function installedName(name: string): string {
  return isHttpAddress(name)
    ? name
        .replace(/[?#].*$/, '')
        .split('/')
        .at(-1)!
    : name
}

function resolveUrl(location: string, baseUrl: string | undefined, label: string): string {
  try {
    return new URL(location, baseUrl).href
  } catch {
    throw new ApiError(
      'invalid_input',
      `The model catalogue gives no usable address for ${label}; a catalogue read from a file needs absolute "url"s or a base URL.`,
    )
  }
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unreadable'
  const where = issue.path.length > 0 ? `at ${issue.path.join('.')}` : 'at the top'
  return `${where}, ${issue.message}`
}

export interface LoadCatalogueOptions {
  fetch?: typeof fetch
  /** For a catalogue read from a file: where its relative addresses point. */
  baseUrl?: string
  signal?: AbortSignal
}

/**
 * Reads the first of `sources` that answers with a catalogue; the next is tried when one cannot be reached, answers
 * an error, or sends something unreadable.
 */
export async function loadFirstCatalogue(sources: CatalogueSources, options: LoadCatalogueOptions = {}): Promise<LoadedCatalogue> {
  const failures: ApiError[] = []
  for (const source of sources) {
    try {
      return { source, models: await loadCatalogue(source, options) }
    } catch (error) {
      if (options.signal?.aborted || !(error instanceof ApiError)) throw error
      failures.push(error)
    }
  }
  // One failure per source, and there is at least one source.
  throw everyCatalogueFailed(failures as [ApiError, ...ApiError[]])
}

function everyCatalogueFailed([first, ...others]: [ApiError, ...ApiError[]]): ApiError {
  if (others.length === 0) return first
  const alsoFailed = others.map((failure) => failure.message).join(' ')
  return new ApiError(first.code, `${first.message} The other catalogues failed too: ${alsoFailed}`, first.detail)
}

/** Reads the catalogue at an http(s) URL or in a local file. */
export async function loadCatalogue(source: string, options: LoadCatalogueOptions = {}): Promise<CatalogueModel[]> {
  const isUrl = isHttpAddress(source)
  const text = isUrl ? await fetchCatalogueText(source, options) : await readCatalogueFile(source)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ApiError('invalid_input', `The model catalogue at ${source} is not JSON.`, String(error))
  }
  return parseCatalogue(json, options.baseUrl ?? (isUrl ? source : undefined))
}

async function fetchCatalogueText(url: string, { fetch: fetchImpl = globalThis.fetch, signal }: LoadCatalogueOptions): Promise<string> {
  let response: Response
  try {
    response = await fetchImpl(url, { signal, headers: { Accept: 'application/json' } })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError(
      'engine_unavailable',
      `Could not reach the model catalogue at ${url}. Check the connection and try again.`,
      String(error),
    )
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw new ApiError('engine_unavailable', `The model catalogue at ${url} answered ${response.status} ${response.statusText}.`)
  }
  const tooLarge = () =>
    new ApiError('invalid_input', `The model catalogue at ${url} is larger than ${formatBytes(MAX_CATALOGUE_BYTES)}; refusing to read it.`)
  if (Number(response.headers.get('content-length')) > MAX_CATALOGUE_BYTES) {
    await response.body?.cancel()
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength
    if (size > MAX_CATALOGUE_BYTES) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function readCatalogueFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new ApiError('not_found', `Could not read the model catalogue ${path}.`, String(error))
  }
}
