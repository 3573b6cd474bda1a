import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { ArticleSummary } from '../../main/api/shapes'

interface IndexOnDisk {
  schemaVersion: number
  articles: ArticleSummary[]
  trash: (ArticleSummary & { deletedAt: string })[]
}

/**
 * The library's index as its files hold it, read without the app's code: library.json, then each line of
 * library.journal applied in order (an article set or taken out; a trash entry set or taken out).
 */
export async function readIndexOnDisk(libraryDir: string): Promise<IndexOnDisk> {
  const index = JSON.parse(await readFile(join(libraryDir, 'library.json'), 'utf8')) as IndexOnDisk
  const journal = await readFile(join(libraryDir, 'library.journal'), 'utf8').catch(() => '')
  for (const line of journal.split('\n').filter(Boolean)) {
    const entry = JSON.parse(line)
    if (entry.article) index.articles = [...index.articles.filter((a) => a.id !== entry.article.id), entry.article]
    if (entry.removed) index.articles = index.articles.filter((a) => a.id !== entry.removed)
    if (entry.trashed) index.trash = [...index.trash.filter((a) => a.id !== entry.trashed.id), entry.trashed]
    if (entry.purged) index.trash = index.trash.filter((a) => a.id !== entry.purged)
  }
  return index
}

/** The index files' contents, to show that something wrote neither. */
export async function indexFiles(libraryDir: string): Promise<string[]> {
  return Promise.all(['library.json', 'library.journal'].map((name) => readFile(join(libraryDir, name), 'utf8').catch(() => '')))
}

/** Writes the index as library.json alone (the journal folded in), the way a hand or another tool would edit it. */
export async function writeIndexOnDisk(libraryDir: string, index: unknown): Promise<void> {
  await writeFile(join(libraryDir, 'library.json'), JSON.stringify(index))
  await rm(join(libraryDir, 'library.journal'), { force: true })
}
