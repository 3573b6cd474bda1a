import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { mergedKinds, type ApiEvent, type MergedCounts } from '../../api/contract'
import { detailOf } from '../../api/errors'
import { mergeConflictCopies, mergeRules, removeOldMergedCopies, type MergeReport, type MergeRule } from './conflict-copies'
import { isConflictCopyOf, withoutConflictCopies } from './conflict-names'

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

  async function merge<T>(file: string, rule: MergeRule<T>, root = libraryDir): Promise<void> {
    let report: MergeReport
    try {
      report = await mergeConflictCopies(root, file, rule, withLock)
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
      if (hasCopy(inLibrary, 'library.json')) await merge(join(libraryDir, 'library.json'), mergeRules.index)
      if (hasCopy(inLibrary, 'glossary.json')) await merge(join(libraryDir, 'glossary.json'), mergeRules.glossary)
      if (hasCopy(inLibrary, 'search-index.json')) await merge(join(libraryDir, 'search-index.json'), mergeRules.searchIndex)
      const memoryDir = join(libraryDir, 'translation-memory')
      const inMemory = await namesIn(memoryDir)
      for (const name of withoutConflictCopies(inMemory)) {
        if (name.endsWith('.jsonl') && hasCopy(inMemory, name)) await merge(join(memoryDir, name), mergeRules.translationMemory)
      }
      if (hasCopy(await namesIn(userDataDir), 'settings.json')) {
        await merge(join(userDataDir, 'settings.json'), mergeRules.settings, userDataDir)
      }
      await Promise.all([removeOldMergedCopies(libraryDir, now), removeOldMergedCopies(userDataDir, now)])
    },
    article: (file: string) => merge(file, mergeRules.article),
    annotations: (file: string) => merge(file, mergeRules.annotations),
    translations: (file: string) => merge(file, mergeRules.translations),
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
