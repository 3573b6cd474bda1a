/**
 * Reading files the user picked (File → Import, a folder, a file opened with the app) into `importFiles` batches,
 * and the words that report the result. Pure Node, no Electron import, so it is unit tested.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { MAX_FILES_PER_BATCH, MAX_IMPORT_BYTES, type ImportOutcome } from '../api/contract'

/** One batch's file content stays under this, so a big folder never holds hundreds of MB in memory at once. */
export const BATCH_BYTES = 16 * 1024 * 1024

export interface ImportFile {
  fileName: string
  base64: string
}

export type ImportBatch = (files: ImportFile[]) => Promise<ImportOutcome[]>

/**
 * Imports files by path: each is read and sent as bytes (base64) in batches of at most `MAX_FILES_PER_BATCH` files
 * and `BATCH_BYTES`. A file that is missing, unreadable or over 20 MB becomes a failed outcome; the others go on.
 * Outcomes come back in the order of `paths`. `nameOf` gives the name the library records (the file's name, or its
 * path inside an imported folder).
 */
export async function importPaths(
  paths: readonly string[],
  importBatch: ImportBatch,
  {
    nameOf = (path: string) => basename(path),
    onProgress,
  }: { nameOf?: (path: string) => string; onProgress?: (done: number) => void } = {},
): Promise<ImportOutcome[]> {
  const outcomes: (ImportOutcome | undefined)[] = new Array(paths.length)
  let done = 0
  const settle = (index: number, outcome: ImportOutcome) => {
    outcomes[index] = outcome
    done += 1
  }
  const failed = (path: string, message: string): ImportOutcome => ({
    fileName: nameOf(path),
    status: 'failed',
    error: { code: 'invalid_input', message },
  })
  let batch: { index: number; file: ImportFile }[] = []
  let bytes = 0
  const send = async () => {
    if (batch.length === 0) return
    const sent = batch
    batch = []
    bytes = 0
    const results = await importBatch(sent.map(({ file }) => file))
    sent.forEach(({ index, file }, i) => settle(index, results[i] ?? failed(file.fileName, `${file.fileName}: no answer from the import.`)))
    onProgress?.(done)
  }
  for (const [index, path] of paths.entries()) {
    const size = await stat(path).then(
      (info) => (info.isFile() ? info.size : null),
      () => null,
    )
    if (size === null) {
      settle(index, failed(path, `${nameOf(path)}: no such file.`))
      continue
    }
    if (size > MAX_IMPORT_BYTES) {
      settle(index, failed(path, `${nameOf(path)} is over 20 MB: too large to be an article.`))
      continue
    }
    if (batch.length === MAX_FILES_PER_BATCH || (batch.length > 0 && bytes + size > BATCH_BYTES)) await send()
    const content = await readFile(path).catch(() => null)
    if (content === null) {
      settle(index, failed(path, `${nameOf(path)} could not be read.`))
      continue
    }
    batch.push({ index, file: { fileName: nameOf(path), base64: content.toString('base64') } })
    bytes += size
  }
  await send()
  return outcomes.filter((outcome): outcome is ImportOutcome => outcome !== undefined)
}

export interface ImportSummary {
  imported: number
  duplicates: number
  failed: number
  /** One line for a message box. */
  message: string
  /** The failures, one per line, for the box's detail. */
  detail: string
  /** The article to open: set when exactly one file was sent and it is now in the library. */
  openArticleId: string | null
}

export function summarizeImport(outcomes: readonly ImportOutcome[]): ImportSummary {
  const count = (status: ImportOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length
  const imported = count('imported')
  const duplicates = count('duplicate')
  const failed = count('failed')
  const only = outcomes.length === 1 ? outcomes[0]! : null
  const openArticleId = only && only.status !== 'failed' ? only.article.id : null
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const message =
    outcomes.length === 0
      ? 'No article file (.txt, .md, .html) to import.'
      : [
          `Imported ${plural(imported, 'article', 'articles')}`,
          duplicates > 0 ? `${duplicates} already in the library` : '',
          failed > 0 ? `${failed} failed` : '',
        ]
          .filter(Boolean)
          .join(', ') + '.'
  const detail = outcomes.flatMap((outcome) => (outcome.status === 'failed' ? [outcome.error.message] : [])).join('\n')
  return { imported, duplicates, failed, message, detail, openArticleId }
}
