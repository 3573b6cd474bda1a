import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { ApiError } from '../../../api/errors'
import { renameIfExists } from '../../fs/rename-if-exists'
import {
  type CatalogueFile,
  type CatalogueModel,
  type CatalogueSources,
  DEFAULT_CATALOGUE_URLS,
  type LoadedCatalogue,
  loadFirstCatalogue,
} from './catalogue'
import {
  type Compression,
  compressionOf,
  copyDecompressing,
  digestFile,
  type FileDigest,
  formatBytes,
  withoutCompressionSuffix,
} from './file-streams'
import { findModelFolders, type RecognisedModel } from './model-folder'
import {
  type FileRole,
  type InstalledFile,
  type InstalledModel,
  listInstalledModels,
  modelDir,
  type ModelFiles,
  type ModelManifest,
  modelName,
  readManifest,
  versionFromModelHash,
  writeManifest,
} from './model-manifest'
import { downloadResumable, type PartProgress } from './resumable-download'
import { archiveKindOf, extractArchive } from './tar-extract'

/**
 * Installs, lists and removes Bergamot models under `<modelsDir>/<name>/`, each with a model.json manifest. A model
 * arrives from the catalogue (download with resume, size cap and SHA-256 check), from a folder, or from a tar archive.
 * Work in progress lives in hidden folders (`.downloads/`, `.imports/`) and becomes a model with one rename.
 */

export interface ModelLimits {
  /** Largest single file, downloaded or unpacked. */
  maxFileBytes: number
  /** Largest model (all its files), and largest unpacked archive. */
  maxModelBytes: number
  maxArchiveEntries: number
}

export const DEFAULT_MODEL_LIMITS: ModelLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxModelBytes: 1024 * 1024 * 1024,
  maxArchiveEntries: 1000,
}

export interface ModelManagerOptions {
  modelsDir: string
  /** http(s) URLs or files in the Firefox Translations registry format, the next tried when one does not answer. */
  catalogues?: CatalogueSources
  /** Where a catalogue read from a file finds its models. */
  catalogueBaseUrl?: string
  fetch?: typeof fetch
  limits?: Partial<ModelLimits>
  now?: () => Date
}

export interface DownloadProgress {
  model: string
  /** The file now travelling. */
  file: string
  bytesDone: number
  /**
   * Known exactly once every file's server has given its length; until then, and for files it compresses on the way,
   * the catalogue's estimate.
   */
  bytesTotal: number
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void
  signal?: AbortSignal
}

export interface ModelManager {
  readonly modelsDir: string
  catalogue(options?: { signal?: AbortSignal }): Promise<LoadedCatalogue>
  /** `name` as the catalogue gives it ("fren") or as a pair ("fr-en"). Replaces an installed model of that name. */
  download(name: string, options?: DownloadOptions): Promise<InstalledModel>
  /** A model folder, or a folder of model folders. */
  importFromFolder(path: string): Promise<InstalledModel[]>
  /** A .tar, .tar.gz/.tgz or .tar.zst holding one model folder or several. */
  importFromArchive(path: string): Promise<InstalledModel[]>
  list(): Promise<InstalledModel[]>
  delete(name: string): Promise<void>
}

export function createModelManager(options: ModelManagerOptions): ModelManager {
  const { modelsDir } = options
  const catalogueSources = options.catalogues ?? DEFAULT_CATALOGUE_URLS
  const fetchImpl = options.fetch ?? globalThis.fetch
  const limits = { ...DEFAULT_MODEL_LIMITS, ...options.limits }
  const now = options.now ?? (() => new Date())
  const busy = new Set<string>()

  const catalogue = ({ signal }: { signal?: AbortSignal } = {}) =>
    loadFirstCatalogue(catalogueSources, {
      fetch: fetchImpl,
      signal,
      ...(options.catalogueBaseUrl ? { baseUrl: options.catalogueBaseUrl } : {}),
    })

  /** Runs `work` unless the same model is already being installed or removed. */
  async function exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    if (busy.has(name))
      throw new ApiError('already_exists', `The model ${name} is already being installed or removed; wait for that to finish.`)
    busy.add(name)
    try {
      return await work()
    } finally {
      busy.delete(name)
    }
  }

  async function download(name: string, { onProgress, signal }: DownloadOptions = {}): Promise<InstalledModel> {
    const { source, models } = await catalogue({ signal })
    const model = findInCatalogue(models, name, source)
    checkAnnouncedSizes(model, limits)
    return exclusively(model.name, async () => {
      const staging = join(modelsDir, '.downloads', model.name)
      await mkdir(staging, { recursive: true })
      const tally = new ProgressTally(model, onProgress)
      const files: Partial<Record<FileRole, InstalledFile>> = {}
      for (const file of model.files) {
        signal?.throwIfAborted()
        files[file.role] = await fetchVerifiedFile(file, staging, tally, signal)
      }
      const manifest = newManifest(model, files as ModelFiles, { kind: 'catalogue', location: source })
      return installStaged(staging, manifest)
    })
  }

  async function fetchVerifiedFile(
    file: CatalogueFile,
    staging: string,
    tally: ProgressTally,
    signal?: AbortSignal,
  ): Promise<InstalledFile> {
    const target = join(staging, file.name)
    if (await alreadyVerified(target, file)) {
      tally.finished(file)
      return { name: file.name, size: file.size, sha256: file.sha256 }
    }
    const partPath = `${target}.part`
    await downloadResumable({
      url: file.url,
      partPath,
      label: file.name,
      maxBytes: file.compression === 'none' ? Math.min(file.size, limits.maxFileBytes) : limits.maxFileBytes,
      fetch: fetchImpl,
      signal,
      onBytes: (progress) => tally.update(file, progress),
    })
    const digest = await unpackDownload(partPath, target, file, signal)
    if (digest.size !== file.size || digest.sha256 !== file.sha256) {
      await rm(target, { force: true })
      throw new ApiError(
        'corrupt_file',
        `${file.name} does not match the catalogue: SHA-256 ${digest.sha256.slice(0, 12)}… (${digest.size} bytes) where ${file.sha256.slice(0, 12)}… (${file.size} bytes) was expected. The download was deleted; try again later.`,
      )
    }
    return { name: file.name, ...digest }
  }

  /** Decompresses (or moves) the finished `.part` into place; a part that cannot be unpacked is deleted. */
  async function unpackDownload(partPath: string, target: string, file: CatalogueFile, signal?: AbortSignal): Promise<FileDigest> {
    // A server may have decompressed the file on the way (Content-Encoding): the bytes, not the name, decide.
    const compression = file.compression === 'none' ? 'none' : ((await sniffCompression(partPath)) ?? 'none')
    if (compression === 'none') {
      await rename(partPath, target)
      return digestFile(target)
    }
    try {
      const digest = await copyDecompressing(partPath, target, { compression, maxBytes: limits.maxFileBytes, label: file.name, signal })
      await rm(partPath)
      return digest
    } catch (error) {
      if (signal?.aborted) throw error
      await rm(partPath, { force: true })
      if (error instanceof ApiError) throw new ApiError(error.code, `${error.message} The download was deleted; try again.`, error.detail)
      throw error
    }
  }

  async function importFolders(folders: RecognisedModel[], source: ModelManifest['source']): Promise<InstalledModel[]> {
    const installed: InstalledModel[] = []
    for (const folder of folders) installed.push(await exclusively(folder.name, () => importFolder(folder, source)))
    return installed
  }

  async function importFolder(found: RecognisedModel, source: ModelManifest['source']): Promise<InstalledModel> {
    const staging = await newWorkFolder(modelsDir, '.imports')
    try {
      const files: Partial<Record<FileRole, InstalledFile>> = {}
      let totalBytes = 0
      for (const [role, fileName] of Object.entries(found.files) as [FileRole, string][]) {
        const copied = await copyModelFile(found, role, fileName, staging)
        totalBytes += copied.size
        if (totalBytes > limits.maxModelBytes) {
          throw new ApiError(
            'invalid_input',
            `The model in ${found.dir} is larger than ${formatBytes(limits.maxModelBytes)}; not imported.`,
          )
        }
        files[role] = copied
      }
      const manifest = newManifest(
        {
          name: found.name,
          from: found.from,
          to: found.to,
          version: found.version ?? versionFromModelHash(files.model!.sha256),
          config: found.config,
        },
        files as ModelFiles,
        source,
      )
      return await installStaged(staging, manifest)
    } catch (error) {
      await rm(staging, { recursive: true, force: true })
      throw error
    }
  }

  async function copyModelFile(found: RecognisedModel, role: FileRole, fileName: string, staging: string): Promise<InstalledFile> {
    const installedName = withoutCompressionSuffix(fileName)
    const digest = await copyDecompressing(join(found.dir, fileName), join(staging, installedName), {
      compression: compressionOf(fileName),
      maxBytes: limits.maxFileBytes,
      label: fileName,
    })
    const expected = found.expected[role]
    if (expected && (expected.size !== digest.size || expected.sha256 !== digest.sha256)) {
      throw new ApiError(
        'corrupt_file',
        `${fileName} in ${found.dir} does not match the checksum its model.json gives; it is damaged. Not imported.`,
      )
    }
    return { name: installedName, ...digest }
  }

  function newManifest(
    model: Pick<ModelManifest, 'name' | 'from' | 'to' | 'version'> & { config?: Record<string, string> | undefined },
    files: ModelFiles,
    source: ModelManifest['source'],
  ): ModelManifest {
    return {
      format: 1,
      name: model.name,
      from: model.from,
      to: model.to,
      version: model.version,
      files,
      ...(model.config ? { config: model.config } : {}),
      source,
      installedAt: now().toISOString(),
    }
  }

  /** Writes the manifest into the staged folder, then swaps the folder in for any model of the same name. */
  async function installStaged(staging: string, manifest: ModelManifest): Promise<InstalledModel> {
    await writeManifest(staging, manifest)
    const target = modelDir(modelsDir, manifest.name)
    const previous = join(modelsDir, `.replaced-${manifest.name}-${randomBytes(4).toString('hex')}`)
    const hadPrevious = await renameIfExists(target, previous)
    try {
      await rename(staging, target)
    } catch (error) {
      if (hadPrevious) await rename(previous, target)
      throw error
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true })
    return { ...manifest, dir: target }
  }

  return {
    modelsDir,
    catalogue,
    download,

    async importFromFolder(path) {
      await requireExisting(path, 'folder')
      const folders = await findModelFolders(path)
      if (folders.length === 0) throw noModelFound(path)
      return importFolders(folders, { kind: 'folder', location: path })
    },

    async importFromArchive(path) {
      archiveKindOf(path)
      await requireExisting(path, 'file')
      const work = await newWorkFolder(modelsDir, '.imports')
      try {
        const unpacked = join(work, 'unpacked')
        await mkdir(unpacked)
        await extractArchive(path, unpacked, {
          maxFileBytes: limits.maxFileBytes,
          maxTotalBytes: limits.maxModelBytes,
          maxEntries: limits.maxArchiveEntries,
        })
        const folders = await findModelFolders(unpacked, 3)
        if (folders.length === 0) throw noModelFound(path)
        return await importFolders(folders, { kind: 'archive', location: path })
      } finally {
        await rm(work, { recursive: true, force: true })
      }
    },

    list: () => listInstalledModels(modelsDir),

    async delete(name) {
      const parsed = modelName.safeParse(name)
      if (!parsed.success) throw new ApiError('invalid_input', `"${name}" is not a model name; see the list of installed models.`)
      await exclusively(name, async () => {
        const dir = modelDir(modelsDir, name)
        if (!(await readManifest(dir))) throw new ApiError('not_found', `No Bergamot model named ${name} is installed.`)
        await rm(dir, { recursive: true, force: true })
      })
    },
  }
}

function findInCatalogue(models: CatalogueModel[], name: string, source: string): CatalogueModel {
  const wanted = name.trim().toLowerCase()
  const model = models.find((candidate) => candidate.name === wanted || `${candidate.from}-${candidate.to}` === wanted)
  if (!model) {
    const available = models.map((candidate) => candidate.name).join(', ') || 'none'
    throw new ApiError('not_found', `The model catalogue (${source}) has no model "${name}". Available: ${available}.`)
  }
  return model
}

function checkAnnouncedSizes(model: CatalogueModel, limits: ModelLimits): void {
  const tooLarge = model.files.find((file) => file.size > limits.maxFileBytes)
  if (tooLarge) {
    throw new ApiError(
      'invalid_input',
      `${tooLarge.name} is announced at ${formatBytes(tooLarge.size)}, more than the ${formatBytes(limits.maxFileBytes)} allowed; not downloaded.`,
    )
  }
  const total = model.files.reduce((sum, file) => sum + file.size, 0)
  if (total > limits.maxModelBytes) {
    throw new ApiError(
      'invalid_input',
      `The model ${model.name} is announced at ${formatBytes(total)}, more than the ${formatBytes(limits.maxModelBytes)} allowed; not downloaded.`,
    )
  }
}

/** A file left complete and verified by an earlier, interrupted download of the same model. */
async function alreadyVerified(path: string, file: CatalogueFile): Promise<boolean> {
  try {
    if ((await stat(path)).size !== file.size) return false
    return (await digestFile(path)).sha256 === file.sha256
  } catch {
    return false
  }
}

async function sniffCompression(path: string): Promise<Compression | null> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0)
    if (bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return 'gz'
    if (bytesRead === 4 && buffer.readUInt32LE(0) === 0xfd2fb528) return 'zst'
    return null
  } finally {
    await handle.close()
  }
}

async function newWorkFolder(modelsDir: string, parent: string): Promise<string> {
  const dir = join(modelsDir, parent, randomBytes(6).toString('hex'))
  await mkdir(dir, { recursive: true })
  return dir
}

/** Missing and unreadable paths get the same answer, so the import tells nobody which files exist. */
async function requireExisting(path: string, kind: 'file' | 'folder'): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (info && (kind === 'folder' ? info.isDirectory() : info.isFile())) return
  throw unreadableModelPath(path)
}

export function unreadableModelPath(path: string): ApiError {
  return new ApiError(
    'invalid_input',
    `No Bergamot model found in ${path}: expected a model.….bin, a lex.….s2t.bin and a vocab.….spm (optionally .gz or .zst) in one folder.`,
  )
}

function noModelFound(path: string): ApiError {
  return unreadableModelPath(path)
}

/**
 * Sums progress over a model's files, replacing the catalogue's estimate of each with what its server announces;
 * a file the server compresses on the way is counted against the catalogue's compressed size.
 */
class ProgressTally {
  private readonly expected = new Map<string, number>()
  private readonly held = new Map<string, number>()

  constructor(
    private readonly model: CatalogueModel,
    private readonly onProgress: ((progress: DownloadProgress) => void) | undefined,
  ) {
    for (const file of model.files) this.expected.set(file.name, file.transferSize)
  }

  update(file: CatalogueFile, { held, total, decoded }: PartProgress): void {
    if (decoded) {
      // Compressed bytes travel, decoded ones are counted: the decoded share of the catalogue's compressed size.
      const partSize = file.compression === 'none' ? file.size : file.transferSize
      this.expected.set(file.name, file.transferSize)
      this.held.set(file.name, Math.round(Math.min(held / partSize, 1) * file.transferSize))
    } else {
      if (total !== undefined) this.expected.set(file.name, total)
      this.held.set(file.name, held)
    }
    this.report(file)
  }

  finished(file: CatalogueFile): void {
    this.held.set(file.name, this.expected.get(file.name) ?? 0)
    this.report(file)
  }

  private report(file: CatalogueFile): void {
    const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0)
    this.onProgress?.({
      model: this.model.name,
      file: file.name,
      bytesDone: sum(this.held.values()),
      bytesTotal: sum(this.expected.values()),
    })
  }
}
