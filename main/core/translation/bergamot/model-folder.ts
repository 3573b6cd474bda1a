import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'

import { z } from 'zod'

import { ApiError } from '../../../api/errors'
import { parsePairKey } from './catalogue'
import { withoutCompressionSuffix } from './file-streams'
import { type FileRole, languageCode, listedFiles, readManifest } from './model-manifest'

/**
 * Recognises a folder of Bergamot model files brought by the user: either one Vis-à-vis installed (with its
 * model.json) or one laid out like the Firefox Translations models repository, where files are named
 * `model.fren.intgemm.alphas.bin`, `lex.50.50.fren.s2t.bin`, `vocab.fren.spm` (or `srcvocab.…`/`trgvocab.…`),
 * optionally `.gz` or `.zst`, beside an optional `metadata.json` naming the languages.
 */

export interface RecognisedModel {
  dir: string
  name: string
  from: string
  to: string
  /** File names in `dir`, possibly compressed. */
  files: Partial<Record<FileRole, string>>
  /** Size and SHA-256 the files must have once unpacked, when the folder says so. */
  expected: Partial<Record<FileRole, { size: number; sha256: string }>>
  version?: string
  config?: Record<string, string>
}

const ROLE_PATTERNS: [FileRole, RegExp][] = [
  ['model', /^model\b.*\.bin$/i],
  ['lex', /^lex\..*s2t(\.bin)?$/i],
  ['vocab', /^vocab\..*\.spm$/i],
  ['srcvocab', /^srcvocab\..*\.spm$/i],
  ['trgvocab', /^trgvocab\..*\.spm$/i],
  ['qualityModel', /^qualityModel\..*\.bin$/i],
]

const metadataSchema = z.object({ sourceLanguage: languageCode, targetLanguage: languageCode })

/** The model in `dir`, or null when the folder holds no model file at all. */
export async function recogniseModelFolder(dir: string): Promise<RecognisedModel | null> {
  const manifest = await readManifest(dir)
  if (manifest) {
    const listed = listedFiles(manifest.files)
    return {
      dir,
      name: manifest.name,
      from: manifest.from,
      to: manifest.to,
      files: Object.fromEntries(listed.map(([role, file]) => [role, file.name])),
      expected: Object.fromEntries(listed.map(([role, file]) => [role, { size: file.size, sha256: file.sha256 }])),
      version: manifest.version,
      ...(manifest.config ? { config: manifest.config } : {}),
    }
  }
  const files = filesByRole(await fileNames(dir), dir)
  if (!files.model) return null
  checkComplete(files, dir)
  const pair = (await pairFromMetadata(dir)) ?? pairFromNames(files.model, dir)
  return { dir, name: modelNameFor(pair), ...pair, files, expected: {} }
}

/** The folder itself when it is a model, else the models in its subfolders, two levels down at most. */
export async function findModelFolders(root: string, levels = 2): Promise<RecognisedModel[]> {
  const here = await recogniseModelFolder(root)
  if (here) return [here]
  if (levels === 0) return []
  const entries = await readdir(root, { withFileTypes: true })
  const subfolders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
  const found = await Promise.all(subfolders.map((entry) => findModelFolders(join(root, entry.name), levels - 1)))
  return found.flat()
}

export function modelNameFor({ from, to }: { from: string; to: string }): string {
  return from.length === 2 && to.length === 2 ? `${from}${to}` : `${from}-${to}`
}

async function fileNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  // Regular files only: a link could install any file of the computer (/etc/passwd) as a model file, as folder import refuses too.
  return entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name)
}

function filesByRole(names: string[], dir: string): Partial<Record<FileRole, string>> {
  const files: Partial<Record<FileRole, string>> = {}
  for (const [role, pattern] of ROLE_PATTERNS) {
    const matches = names.filter((name) => pattern.test(withoutCompressionSuffix(name)))
    if (matches.length > 1) {
      throw new ApiError('invalid_input', `${dir} holds several ${role} files (${matches.join(', ')}); keep one model per folder.`)
    }
    if (matches[0]) files[role] = matches[0]
  }
  return files
}

function checkComplete(files: Partial<Record<FileRole, string>>, dir: string): void {
  const missing = [
    ...(files.lex ? [] : ['a lexical shortlist (lex.….s2t.bin)']),
    ...(files.vocab || (files.srcvocab && files.trgvocab) ? [] : ['a vocabulary (vocab.….spm, or srcvocab.….spm and trgvocab.….spm)']),
  ]
  if (missing.length > 0) throw new ApiError('invalid_input', `${dir} has a model file but lacks ${missing.join(' and ')}.`)
}

async function pairFromMetadata(dir: string): Promise<{ from: string; to: string } | null> {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')))
    return parsed.success ? { from: parsed.data.sourceLanguage, to: parsed.data.targetLanguage } : null
  } catch {
    return null
  }
}

/** "model.fren.intgemm.alphas.bin" → fr, en; failing that, a folder named "fren" or "fr-en". */
function pairFromNames(modelFile: string, dir: string): { from: string; to: string } {
  const fromFile = parsePairKey(modelFile.split('.')[1]?.toLowerCase() ?? '')
  if (fromFile) return fromFile
  const fromFolder = parsePairKey(basename(dir).toLowerCase())
  if (fromFolder) return fromFolder
  throw new ApiError(
    'invalid_input',
    `Cannot tell which languages the model in ${dir} translates. Name its file model.<from><to>.….bin (e.g. model.fren.intgemm.alphas.bin) or its folder "fren".`,
  )
}
