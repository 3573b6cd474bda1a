import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { z } from 'zod'

import { writeJsonAtomic } from '../../fs/atomic-write'

/**
 * What an installed Bergamot model is: `<modelsDir>/<name>/model.json` lists the files beside it, each with the
 * size and SHA-256 it had when it was installed, so the engine can load it without guessing and notice damage.
 */

export const MANIFEST_FILE = 'model.json'

/** The parts of a Bergamot model, named as in the Firefox Translations registry. */
export const FILE_ROLES = ['model', 'lex', 'vocab', 'srcvocab', 'trgvocab', 'qualityModel'] as const
export type FileRole = (typeof FILE_ROLES)[number]

export const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as "fr"')

/** A model's name is also its folder's name: lowercase letters, digits, "-" and "_" only. */
export const modelName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a model name such as "fren"')

/** A bare file name: no folder, nothing hidden, no way out of the model's folder. */
export const plainFileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name) && !name.startsWith('.') && name !== MANIFEST_FILE, 'a plain file name')

export const sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 in hexadecimal')
  .transform((hash) => hash.toLowerCase())

const installedFile = z.object({ name: plainFileName, size: z.number().int().nonnegative(), sha256: sha256Hex })
export type InstalledFile = z.infer<typeof installedFile>

const installedFiles = z
  .object({
    model: installedFile,
    lex: installedFile,
    vocab: installedFile.optional(),
    srcvocab: installedFile.optional(),
    trgvocab: installedFile.optional(),
    qualityModel: installedFile.optional(),
  })
  .refine((files) => files.vocab || (files.srcvocab && files.trgvocab), 'a vocab, or a srcvocab and a trgvocab')

export const manifestSchema = z.object({
  format: z.literal(1),
  name: modelName,
  from: languageCode,
  to: languageCode,
  /** Changes whenever the model's files change; part of the engine identity, hence of every cache key. */
  version: z.string().min(1),
  files: installedFiles,
  /** Marian options the registry asked for, e.g. `gemm-precision`. */
  config: z.record(z.string(), z.string()).optional(),
  source: z.object({ kind: z.enum(['catalogue', 'folder', 'archive']), location: z.string() }),
  installedAt: z.string(),
})

export type ModelManifest = z.infer<typeof manifestSchema>
export type ModelFiles = ModelManifest['files']

/** An installed model: its manifest and where it lives. */
export interface InstalledModel extends ModelManifest {
  dir: string
}

export function modelDir(modelsDir: string, name: string): string {
  return join(modelsDir, modelName.parse(name))
}

/** The version of a model whose source names none: the start of its model file's SHA-256. */
export function versionFromModelHash(sha256: string): string {
  return `sha256:${sha256.slice(0, 16)}`
}

/** Every file the manifest lists, with its role. */
export function listedFiles(files: ModelFiles): [FileRole, InstalledFile][] {
  return FILE_ROLES.flatMap((role) => {
    const file = files[role]
    return file ? [[role, file] as [FileRole, InstalledFile]] : []
  })
}

export async function writeManifest(dir: string, manifest: ModelManifest): Promise<void> {
  await writeJsonAtomic(join(dir, MANIFEST_FILE), manifestSchema.parse(manifest))
}

/** The manifest in `dir`, or null when there is none or it cannot be read. */
export async function readManifest(dir: string): Promise<ModelManifest | null> {
  let text: string
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8')
  } catch {
    return null
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * The models installed under `modelsDir`, sorted by name. Folders starting with "." hold downloads and imports in
 * progress; folders without a readable manifest are not models and are left alone.
 */
export async function listInstalledModels(modelsDir: string): Promise<InstalledModel[]> {
  let entries
  try {
    entries = await readdir(modelsDir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const folders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
  const models = await Promise.all(
    folders.map(async (folder) => {
      const dir = join(modelsDir, folder.name)
      const manifest = await readManifest(dir)
      return manifest && manifest.name === folder.name ? { ...manifest, dir } : null
    }),
  )
  return models.filter((model): model is InstalledModel => model !== null).sort((a, b) => a.name.localeCompare(b.name))
}
