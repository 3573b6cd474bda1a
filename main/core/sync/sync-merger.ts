import { readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

import { detailOf } from '../../api/errors'
import { type ApiEvent, type MergedCounts, mergedKinds } from '../../api/shapes'
import type { MergeReport, MergeRule, mergeRules } from './conflict-copies'
import { isConflictCopyOf, MERGED_FOLDER, withoutConflictCopies } from './conflict-names'

type RuleName = keyof typeof mergeRules

export interface SyncMergerOptions {
  libraryDir: string
  userDataDir: string
  withLock: <T>(work: () => Promise<T>) => Promise<T>
  emit: (event: ApiEvent) => void
}

/**
 * Merges the conflict copies a sync tool leaves in the library: those of the library-wide files when it opens, an
 * article's when the article is read. What they brought is counted for the UI's notice, and told once in words.
 */
export function createSyncMerger({ libraryDir, userDataDir, withLock, emit }: SyncMergerOptions) {
  const merged: MergedCounts = { notes: 0, articles: 0, sentences: 0, glossaryEntries: 0, settings: 0, copies: 0 }
  const notices: string[] = []

  /** The merging code (and every file's schema) loads only when a copy is there. */
  async function merge(file: string, rule: RuleName, root = libraryDir): Promise<void> {
    if (!hasCopy(await namesIn(dirname(file)), basename(file))) return
    let report: MergeReport
    try {
      const { mergeConflictCopies, mergeRules } = await import('./conflict-copies')
      report = await mergeConflictCopies(root, file, mergeRules[rule] as MergeRule<unknown>, withLock)
    } catch (error) {
      notices.push(`Copies made by another computer could not be merged: ${detailOf(error)}`)
      return
    }
    if (report.copies.length === 0) return
    for (const kind of mergedKinds) merged[kind] += report.counts[kind] ?? 0
    merged.copies += report.copies.length
    notices.push(describeMerge(report))
    emit({ type: 'library.merged', merged: { ...merged } })
  }

  return {
    merged: (): MergedCounts => ({ ...merged }),
    notices: (): string[] => [...notices],
    /**
     * The library-wide files, and the settings; copies older than 30 days in `.merged/` go. Each folder is listed
     * once, and a file is merged only when a copy of it is there.
     */
    async atOpen(now: Date): Promise<void> {
      const inLibrary = await namesIn(libraryDir)
      if (hasCopy(inLibrary, 'library.json')) await merge(join(libraryDir, 'library.json'), 'index')
      if (hasCopy(inLibrary, 'library.journal')) await merge(join(libraryDir, 'library.journal'), 'journal')
      if (hasCopy(inLibrary, 'glossary.json')) await merge(join(libraryDir, 'glossary.json'), 'glossary')
      if (hasCopy(inLibrary, 'search-index.json')) await merge(join(libraryDir, 'search-index.json'), 'searchIndex')
      const memoryDir = join(libraryDir, 'translation-memory')
      const inMemory = await namesIn(memoryDir)
      for (const name of withoutConflictCopies(inMemory)) {
        if (name.endsWith('.jsonl') && hasCopy(inMemory, name)) await merge(join(memoryDir, name), 'translationMemory')
      }
      const inUserData = await namesIn(userDataDir)
      if (hasCopy(inUserData, 'settings.json')) await merge(join(userDataDir, 'settings.json'), 'settings', userDataDir)
      const withMergedCopies = [
        { root: libraryDir, names: inLibrary },
        { root: userDataDir, names: inUserData },
      ].flatMap(({ root, names }) => (names.includes(MERGED_FOLDER) ? [root] : []))
      if (withMergedCopies.length === 0) return
      const { removeOldMergedCopies } = await import('./conflict-copies')
      await Promise.all(withMergedCopies.map((root) => removeOldMergedCopies(root, now)))
    },
    article: (file: string) => merge(file, 'article'),
    annotations: (file: string) => merge(file, 'annotations'),
    translations: (file: string) => merge(file, 'translations'),
  }
}

const namesIn = (folder: string) => readdir(folder).catch(() => [] as string[])
const hasCopy = (names: string[], name: string) => names.some((other) => isConflictCopyOf(other, name))

const NOTICE_WORDS: Record<keyof MergeReport['counts'], [one: string, many: string]> = {
  notes: ['note', 'notes'],
  articles: ['library change', 'library changes'],
  sentences: ['translated sentence', 'translated sentences'],
  glossaryEntries: ['glossary correction', 'glossary corrections'],
  settings: ['setting', 'settings'],
}

/** "2 notes merged from a copy made by another computer (kept in .merged/ for 30 days)." */
function describeMerge({ counts, copies }: MergeReport): string {
  const parts = mergedKinds.flatMap((kind) => {
    const count = counts[kind] ?? 0
    return count > 0 ? [`${count} ${NOTICE_WORDS[kind][count === 1 ? 0 : 1]}`] : []
  })
  const what = parts.length > 0 ? parts.join(' and ') : 'Nothing new'
  return `${what} merged from ${copies.length === 1 ? 'a copy' : `${copies.length} copies`} made by another computer (kept in .merged/ for 30 days).`
}
