import { readFile, stat } from 'node:fs/promises'
import { basename, relative } from 'node:path'

import { ApiError } from '../api/errors'
import { countOutcomes, type ImportOutcome, type ImportResult, MAX_IMPORT_BYTES, notInFrench } from '../api/shapes'
import extractionWorker from '../core/import/extraction-worker?modulePath'
import { counted } from './command'
import { type Call, type CliIo, type CommandContext, only, printer } from './command-context'

export interface ImportOptions {
  json: boolean
  allowPrivateAddress: boolean
}

export interface FolderSummary {
  imported: number
  duplicates: number
  failed: number
  files: ImportOutcome[]
}

/** `visavis import <file|folder|url|->`: returns the exit code (1 when any file of a folder failed). */
export async function runImport({ operands, options, io, open }: CommandContext<ImportOptions>): Promise<number> {
  const target = only(operands, 'import needs one file, folder or web address, or - for standard input')
  const print = printer(io, options.json)
  const { call } = await open({ extraction: await startedExtraction() })
  if (/^https?:\/\//i.test(target)) {
    const result = await call('importUrl', { url: target, allowPrivateAddress: options.allowPrivateAddress })
    print(result, describeImport(result))
    return 0
  }
  if (target === '-') {
    const result = await call('importFile', { fileName: 'standard input', base64: (await io.readStdin()).toString('base64') })
    print(result, describeImport(result))
    return 0
  }
  const info = await stat(target).catch(() => null)
  if (!info) throw new ApiError('not_found', `${target}: no such file or folder.`)
  if (info.isDirectory()) {
    const summary = await importFolder(target, call, io)
    print(summary, describeFolderImport(summary))
    return summary.failed > 0 ? 1 : 0
  }
  if (!info.isFile()) throw new ApiError('invalid_input', `${target} is not a file.`)
  if (info.size > MAX_IMPORT_BYTES) throw new ApiError('invalid_input', tooLargeMessage(target))
  const result = await call('importFile', { fileName: target, base64: (await readFile(target)).toString('base64') })
  print(result, describeImport(result))
  return 0
}

/** The thread that reads pages, started first: its start-up is the longest wait of an import, and goes on while the core loads. */
async function startedExtraction() {
  const { createExtractionThread } = await import('../core/import/extraction-thread')
  const extraction = createExtractionThread({ workerEntry: extractionWorker })
  extraction.warm()
  return extraction
}

async function importFolder(folder: string, call: Call, io: CliIo): Promise<FolderSummary> {
  const [{ articleFilesUnder }, { importPaths }] = await Promise.all([
    import('../core/import/article-files'),
    import('../core/import/import-paths'),
  ])
  const files = await articleFilesUnder(folder)
  if (files.length === 0) throw new ApiError('invalid_input', `${folder} holds no .txt, .md or .html file to import.`)
  const outcomes = await importPaths(files, (batch) => call('importFiles', { files: batch }), {
    nameOf: (path) => relative(folder, path),
    onProgress: (done) => io.stderr(`Importing… ${done}/${files.length}\n`),
  })
  return { ...countOutcomes(outcomes), files: outcomes }
}

function tooLargeMessage(path: string): string {
  return `${path} is over 20 MB: too large to be an article.`
}

export function describeImport({ status, article, importedTitle, structureAdded }: ImportResult): string {
  const what = `“${article.title}” (${article.id})`
  const otherTitle = importedTitle ? ` This copy's title, “${importedTitle}”, was not used.` : ''
  const added = structureAdded ? 'Its headings, lists and emphasis were added from this copy.' : 'Nothing was added.'
  return status === 'duplicate'
    ? `Already in the library: ${what}. ${added}${otherTitle}\n`
    : `Imported ${what}: ${counted(article.paragraphCount, 'paragraph')}, ${counted(article.wordCount, 'word')}, language ${article.lang}.\n`
}

function describeFolderImport(summary: FolderSummary): string {
  const failures = summary.files.flatMap((file) =>
    file.status === 'failed' ? [`  ${basename(file.fileName)}: ${file.error.message}\n`] : [],
  )
  const foreign = notInFrench(summary.files).map(({ fileName, article }) => `${basename(fileName)} (${article.lang})`)
  return (
    `Imported ${summary.imported}, already in the library ${summary.duplicates}, failed ${summary.failed}.\n` +
    failures.join('') +
    (foreign.length > 0 ? `Not in French: ${foreign.join(', ')}.\n` : '')
  )
}
