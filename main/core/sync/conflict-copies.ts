import { appendFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'

import type { Annotation, MergedKind } from '../../api/shapes'
import { annotationsFile, type StoredAnnotations } from '../annotations/annotations-file'
import { writeJsonAtomic } from '../fs/atomic-write'
import { readJsonFile, type StoredFileKind } from '../fs/json-file'
import { IndexStore, readJournalChanges } from '../library/index-store'
import { articleFile, type LibraryIndex, libraryIndexFile, type StoredArticle } from '../library/library-files'
import { searchIndexFile, type StoredIndex } from '../search/search-index'
import { settingsFile } from '../settings'
import { type GlossaryFile, glossaryFile } from '../translation/glossary'
import { sortedSentences, type StoredTranslations, translationsFile } from '../translation/translation-cache'
import { isConflictCopyOf, MERGED_FOLDER } from './conflict-names'

/**
 * When two computers change the same file of a synced library before the sync settles, the sync tool keeps both:
 * the other computer's version arrives beside the file under a "conflict" name. Each such copy is merged into the
 * file it copies and then moved to `.merged/`, kept 30 days.
 */

const MERGED_KEPT_DAYS = 30

/** How one kind of file is read, merged with another computer's copy, and written. */
export interface MergeRule<T> {
  /** What the merge counts, for the notice. */
  counts: MergedKind | null
  read(path: string): Promise<T | null>
  /** How this computer's version is read, when not as a copy is (the index: library.json and its journal). */
  readMain?(path: string): Promise<T | null>
  write(path: string, value: T): Promise<void>
  /** False when a file named like a copy is in fact another file (translations into another language). */
  isCopyOf?(main: T, copy: T): boolean
  merge(main: T, copy: T): { merged: T; changes: number }
}

function jsonRule<T>(
  kind: StoredFileKind<T>,
  counts: MergedKind | null,
  merge: MergeRule<T>['merge'],
  isCopyOf?: MergeRule<T>['isCopyOf'],
): MergeRule<T> {
  return { counts, read: (path) => readJsonFile(path, kind), write: (path, value) => writeJsonAtomic(path, value), merge, isCopyOf }
}

/** This computer's index is its library.json and journal, read and written whole (under the merge's lock). */
function indexRule(readCopy: (path: string) => Promise<LibraryIndex | null>): MergeRule<LibraryIndex> {
  const store = (path: string) => new IndexStore(dirname(path), () => undefined)
  return {
    counts: 'articles',
    read: readCopy,
    async readMain(path) {
      const index = store(path)
      await index.refresh()
      return index.state
    },
    write: (path, merged) => store(path).replace(merged),
    merge: mergeIndex,
  }
}

/** This computer's version of a file that holds nothing a copy could add (the copy is kept in `.merged/`). */
const keepMain = <T>(main: T) => ({ merged: main, changes: 0 })

/** The rule for each file the app writes. */
export const mergeRules = {
  index: indexRule((path) => readJsonFile(path, libraryIndexFile)),
  /** The changes another computer made since its library.json was written. */
  journal: indexRule(readJournalChanges),
  annotations: jsonRule<StoredAnnotations>(annotationsFile, 'notes', mergeAnnotations),
  article: jsonRule<StoredArticle>(articleFile, null, keepMain, (main, copy) => main.id === copy.id),
  translations: jsonRule<StoredTranslations>(translationsFile, 'sentences', mergeTranslations, sameTranslations),
  glossary: jsonRule<GlossaryFile>(glossaryFile, 'glossaryEntries', mergeGlossary),
  settings: jsonRule<unknown>(settingsFile, 'settings', mergeSettings),
  /** Rebuilt from the articles whenever it is out of step: nothing to merge. */
  searchIndex: jsonRule<StoredIndex>(searchIndexFile, null, keepMain),
  /** Append-only lines: the merge gives the copy's lines this file lacks, and `write` appends them. */
  translationMemory: {
    counts: 'sentences',
    read: (path) => readFile(path, 'utf8').catch(() => null),
    write: async (path, lines) => appendFile(path, lines),
    merge: (main, copy) => {
      const known = new Set(main.split('\n'))
      const added = copy.split('\n').filter((line) => line !== '' && !known.has(line))
      return {
        merged: added.length > 0 ? `${main.endsWith('\n') || main === '' ? '' : '\n'}${added.join('\n')}\n` : '',
        changes: added.length,
      }
    },
  } satisfies MergeRule<string>,
}

export interface MergeReport {
  counts: Partial<Record<MergedKind, number>>
  /** Where each merged copy was, relative to the folder that keeps `.merged/`. */
  copies: string[]
}

type WithLock = <T>(work: () => Promise<T>) => Promise<T>

/**
 * Merges the conflict copies of `file` into it, under the lock, and moves them to `<root>/.merged/`. A file with no
 * copy beside it is only read: the lock is taken, and files written, only when there is something to merge.
 */
export async function mergeConflictCopies<T>(root: string, file: string, rule: MergeRule<T>, withLock: WithLock): Promise<MergeReport> {
  const report: MergeReport = { counts: {}, copies: [] }
  if ((await conflictCopiesOf(file)).length === 0) return report
  await withLock(async () => {
    for (const copyPath of await conflictCopiesOf(file)) {
      const copy = await rule.read(copyPath).catch(() => null)
      if (copy === null) continue // damaged, or from a newer app: left where it is for the user
      const main = await (rule.readMain ?? rule.read)(file).catch(() => null)
      if (main !== null && rule.isCopyOf && !rule.isCopyOf(main, copy)) continue
      const { merged, changes } = main === null ? { merged: copy, changes: 1 } : rule.merge(main, copy)
      if (changes > 0 || main === null) await rule.write(file, merged)
      await moveToMerged(root, copyPath)
      if (rule.counts) report.counts[rule.counts] = (report.counts[rule.counts] ?? 0) + changes
      report.copies.push(relative(root, copyPath))
    }
  })
  return report
}

async function conflictCopiesOf(file: string): Promise<string[]> {
  const folder = dirname(file)
  const names = await readdir(folder).catch(() => [] as string[])
  return names.filter((name) => isConflictCopyOf(name, basename(file))).map((name) => join(folder, name))
}

async function moveToMerged(root: string, path: string): Promise<void> {
  const target = join(root, MERGED_FOLDER, relative(root, path))
  await mkdir(dirname(target), { recursive: true })
  await rename(path, target)
}

export async function removeOldMergedCopies(root: string, now: Date): Promise<void> {
  const folder = join(root, MERGED_FOLDER)
  const limit = now.getTime() - MERGED_KEPT_DAYS * 24 * 3600 * 1000
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if ((await stat(path)).mtimeMs < limit) await rm(path, { force: true })
  }
}

/**
 * Annotations by id: the newer `modified` wins; a deletion wins over every change made before it, so a note
 * deleted on one computer does not come back from the other's copy.
 */
function mergeAnnotations(main: StoredAnnotations, copy: StoredAnnotations): { merged: StoredAnnotations; changes: number } {
  const deletedAt = new Map<string, string>()
  for (const gone of [...main.deleted, ...copy.deleted]) {
    if ((deletedAt.get(gone.id) ?? '') < gone.deletedAt) deletedAt.set(gone.id, gone.deletedAt)
  }
  const newest = new Map<string, Annotation>()
  for (const annotation of [...main.annotations, ...copy.annotations]) {
    const known = newest.get(annotation.id)
    if (!known || known.modified < annotation.modified) newest.set(annotation.id, annotation)
  }
  const alive = [...newest.values()].filter((annotation) => !(annotation.modified <= (deletedAt.get(annotation.id) ?? '')))
  const deleted = [...new Map([...main.deleted, ...copy.deleted].map((gone) => [gone.id, gone])).values()].filter(
    (gone) => !alive.some((annotation) => annotation.id === gone.id),
  )
  const before = new Set(main.annotations.map((annotation) => `${annotation.id}@${annotation.modified}`))
  const changes = alive.filter((annotation) => !before.has(`${annotation.id}@${annotation.modified}`)).length
  const sorted = alive.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id))
  return { merged: { ...main, annotations: sorted, deleted }, changes }
}

/** The index by article: every article of either side, tags joined, the reading position furthest on. */
function mergeIndex(main: LibraryIndex, copy: LibraryIndex): { merged: LibraryIndex; changes: number } {
  let changes = 0
  const articles = new Map(main.articles.map((article) => [article.id, { ...article }]))
  for (const theirs of copy.articles) {
    const ours = articles.get(theirs.id)
    if (!ours) {
      if (main.trash.some((trashed) => trashed.id === theirs.id)) continue
      articles.set(theirs.id, theirs)
      changes++
      continue
    }
    const tags = [...new Set([...ours.tags, ...theirs.tags])]
    if (tags.length > ours.tags.length) changes++
    ours.tags = tags
    if (theirs.progress > ours.progress) Object.assign(ours, { progress: theirs.progress, position: theirs.position })
  }
  const trash = [...main.trash, ...copy.trash.filter((theirs) => !main.trash.some((ours) => ours.id === theirs.id))]
  const listed = [...articles.values()].filter((article) => !copy.trash.some((trashed) => trashed.id === article.id))
  return { merged: { ...main, articles: listed, trash }, changes }
}

function sameTranslations(main: StoredTranslations, copy: StoredTranslations): boolean {
  return main.to === copy.to && main.identity.engine === copy.identity.engine && main.identity.model === copy.identity.model
}

/** Translations by sentence key: this computer's where both have one (both are the same engine's), the copy's where only it has. */
function mergeTranslations(main: StoredTranslations, copy: StoredTranslations): { merged: StoredTranslations; changes: number } {
  const added = Object.keys(copy.sentences).filter((key) => !(key in main.sentences))
  return { merged: { ...main, sentences: sortedSentences({ ...copy.sentences, ...main.sentences }) }, changes: added.length }
}

/** Glossary entries of both sides; where both correct the same words, this computer's correction stays. */
function mergeGlossary(main: GlossaryFile, copy: GlossaryFile): { merged: GlossaryFile; changes: number } {
  const sameWords = (a: GlossaryFile['entries'][number], b: GlossaryFile['entries'][number]) =>
    a.from === b.from && a.to === b.to && a.source.toLocaleLowerCase() === b.source.toLocaleLowerCase()
  const added = copy.entries.filter((theirs) => !main.entries.some((ours) => ours.id === theirs.id || sameWords(ours, theirs)))
  return { merged: { ...main, entries: [...main.entries, ...added] }, changes: added.length }
}

/** Settings this computer has keep their value here; those only the copy has are taken from it. */
function mergeSettings(main: unknown, copy: unknown): { merged: unknown; changes: number } {
  if (!isRecord(main) || !isRecord(copy)) return keepMain(main)
  const added = Object.keys(copy).filter((key) => !(key in main))
  return { merged: { ...main, ...Object.fromEntries(added.map((key) => [key, copy[key]])) }, changes: added.length }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
