/**
 * Importing files by path, as the CLI and the desktop menu do: read, sent in `importFiles` batches through the
 * contract, with an outcome per file. Pure Node.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { MAX_FILES_PER_BATCH, MAX_IMPORT_BYTES, type ImportOutcome } from '../../api/shapes'

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
