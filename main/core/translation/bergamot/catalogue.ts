import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { ApiError } from '../../../api/errors'
import { compressionOf, formatBytes, withoutCompressionSuffix, type Compression } from './file-streams'
import { plainFileName, sha256Hex, versionFromModelHash, type FileRole } from './model-manifest'

/**
 * The catalogue of models one can download, in the Firefox Translations registry format:
 *
 *   { "fren": { "model": { "name": "model.fren.intgemm.alphas.bin", "size": 17140961,
 *                          "estimatedCompressedSize": 12641501, "expectedSha256Hash": "185f…" },
 *               "lex": {…}, "vocab": {…} },            // or "srcvocab" and "trgvocab"; "qualityModel" optional
 *     … }
 *
 * Keys are pairs ("fren", or "fr-en" for codes of other lengths). `size` and `expectedSha256Hash` describe the file
 * as installed. A file is fetched from `<catalogue folder>/<pair>/<name>` unless it gives a `url` (absolute, or
 * relative to the catalogue). It travels gzip- or zstd-compressed when its name or url ends in ".gz" or ".zst", or
 * when it says `"compression": "gz" | "zst"` (then ".gz"/".zst" is added to the default address).
 */

/** The registry Firefox Translations published beside the models it points to. Any URL in this format will do. */
export const DEFAULT_CATALOGUE_URL = 'https://storage.googleapis.com/bergamot-models-sandbox/0.3.3/registry.json'

const MAX_CATALOGUE_BYTES = 8 * 1024 * 1024

export interface CatalogueFile {
  role: FileRole
  /** The file's name once installed (decompressed). */
  name: string
  size: number
  sha256: string
  url: string
  compression: Compression
  /** What travels over the network, as far as the catalogue knows. */
  transferSize: number
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
  name: plainFileName,
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
  const declared: Compression = file.compression ?? compressionOf(file.url ?? file.name)
  const nameSuffix = compressionOf(file.name) === 'none' && declared !== 'none' ? `.${declared}` : ''
  const location = file.url ?? `${encodeURIComponent(key)}/${encodeURIComponent(file.name)}${nameSuffix}`
  return {
    role,
    name: withoutCompressionSuffix(file.name),
    size: file.size,
    sha256: file.expectedSha256Hash,
    url: resolveUrl(location, baseUrl, `${key}/${file.name}`),
    compression: declared,
    transferSize: declared === 'none' ? file.size : (file.estimatedCompressedSize ?? file.size),
  }
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

/** Reads the catalogue at an http(s) URL or in a local file. */
export async function loadCatalogue(source: string, options: LoadCatalogueOptions = {}): Promise<CatalogueModel[]> {
  const isUrl = /^https?:\/\//i.test(source)
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
