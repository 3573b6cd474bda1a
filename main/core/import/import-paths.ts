/**
 * Importing files by path, as the CLI and the desktop menu do: read, sent in `importFiles` batches through the
 * contract, with an outcome per file. Pure Node.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'

import { importBatchesOf } from '../../api/batches'
import { type ImportOutcome, MAX_IMPORT_BYTES } from '../../api/shapes'

export interface ImportFile {
  fileName: string
  base64: string
}

export type ImportBatch = (files: ImportFile[]) => Promise<ImportOutcome[]>

/**
 * Imports files by path: each is read and sent as bytes (base64) in the batches of `importBatchesOf`, read only when
 * its batch is sent. A file that is missing, unreadable or over 20 MB becomes a failed outcome; the others go on.
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

  const readable: { index: number; path: string; size: number }[] = []
  for (const [index, path] of paths.entries()) {
    const size = await stat(path).then(
      (info) => (info.isFile() ? info.size : null),
      () => null,
    )
    if (size === null) settle(index, failed(path, `${nameOf(path)}: no such file.`))
    else if (size > MAX_IMPORT_BYTES) settle(index, failed(path, `${nameOf(path)} is over 20 MB: too large to be an article.`))
    else readable.push({ index, path, size })
  }

  for (const batch of importBatchesOf(readable, (file) => file.size)) {
    const sent: { index: number; file: ImportFile }[] = []
    for (const { index, path } of batch) {
      const content = await readFile(path).catch(() => null)
      if (content === null) settle(index, failed(path, `${nameOf(path)} could not be read.`))
      else sent.push({ index, file: { fileName: nameOf(path), base64: content.toString('base64') } })
    }
    if (sent.length > 0) {
      const results = await importBatch(sent.map(({ file }) => file))
      sent.forEach(({ index, file }, i) =>
        settle(index, results[i] ?? failed(file.fileName, `${file.fileName}: no answer from the import.`)),
      )
    }
    onProgress?.(done)
  }
  return outcomes.filter((outcome): outcome is ImportOutcome => outcome !== undefined)
}
