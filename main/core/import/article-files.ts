import { readdir } from 'node:fs/promises'
import { extname, join, relative } from 'node:path'

import { ApiError } from '../../api/errors'
import { IMPORTABLE_EXTENSIONS } from './importer'

export const MAX_FOLDER_FILES = 100_000
/** A project's files that are never articles: its licence, change log and the like. */
const PROJECT_FILE =
  /^(?:licen[cs]e|copying|changelog|changes|history|authors|contributors|contributing|notice|code_of_conduct)(?:\.[\w-]+)?$/i

/**
 * Every article file (.txt, .md, .html…) under a folder, in a stable order: links are not followed (a link could
 * lead anywhere on the disk), hidden files and folders and a project's LICENSE, CHANGELOG and the like are skipped,
 * and a folder of more than MAX_FOLDER_FILES articles is refused before any import.
 */
export async function articleFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  const files = entries
    .filter(
      (entry) => entry.isFile() && IMPORTABLE_EXTENSIONS.includes(extname(entry.name).toLowerCase()) && !PROJECT_FILE.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (path) =>
        !relative(folder, path)
          .split(/[\\/]/)
          .some((part) => part.startsWith('.')),
    )
  if (files.length > MAX_FOLDER_FILES) {
    throw new ApiError('invalid_input', `${folder} holds ${files.length} article files; import at most ${MAX_FOLDER_FILES} at a time.`)
  }
  return files.sort()
}
