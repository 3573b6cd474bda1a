import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import type { Annotation } from '../../api/contract'
import { writeJsonAtomic } from '../fs/atomic-write'
import { readJsonFile, type StoredFileKind } from '../library/json-file-adapter'
import { annotationsFile, type StoredAnnotations } from '../annotations/annotations-file'
import { libraryIndexFile, type LibraryIndex } from '../library/library-files'

/**
 * When two computers change the same file of a synced library before the sync settles, the sync tool keeps both:
 * the other computer's version arrives beside the file under a "conflict" name. Each such copy is merged into the
 * file it copies (notes by id, the newer change winning, deletions kept; the index by article, tags joined) and then
 * moved to `.merged/`, kept 30 days.
 */

const MERGED_FOLDER = '.merged'
const MERGED_KEPT_DAYS = 30

/** The names each sync tool gives the other computer's copy of `<stem><ext>`. */
function conflictPattern(stem: string, ext: string): RegExp {
  const name = stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const suffix = ext.replace('.', '\\.')
  return new RegExp(
    [
      // Dropbox "(Ana's conflicted copy 2026-12-03)", Nextcloud "(conflicted copy 2026-12-03 101500)"
      `^${name} \\([^)]*conflicted copy[^)]*(?:\\(\\d+\\))?\\)${suffix}$`,
      // Syncthing ".sync-conflict-20261203-101500-ABCDEFG"
      `^${name}\\.sync-conflict-\\d{8}-\\d{6}-[A-Z0-9]{7}${suffix}$`,
      // OneDrive "-<COMPUTERNAME>"
      `^${name}-[A-Za-z0-9][A-Za-z0-9_-]{0,62}${suffix}$`,
    ].join('|'),
  )
}

interface MergeRule<T> {
  kind: StoredFileKind<T>
  merge(main: T, copy: T): { merged: T; changes: number }
}

const annotationsRule: MergeRule<StoredAnnotations> = { kind: annotationsFile, merge: mergeAnnotations }
const indexRule: MergeRule<LibraryIndex> = { kind: libraryIndexFile, merge: mergeIndex }

export interface MergeReport {
  /** Notes, highlights and bookmarks that came from the copies. */
  annotations: number
  /** Articles and tags that came from a copy of the index. */
  articles: number
  copies: string[]
}

type WithLock = <T>(work: () => Promise<T>) => Promise<T>

/** Merges the conflict copies of `library.json`, when the library opens. */
export function mergeIndexCopies(libraryDir: string, now: Date, withLock: WithLock): Promise<MergeReport> {
  return mergeCopies(libraryDir, join(libraryDir, 'library.json'), indexRule, 'articles', withLock).finally(() =>
    removeOldMergedCopies(libraryDir, now),
  )
}

/** Merges the conflict copies of one article's `annotations.json`, when its notes are read (not every article at open). */
export function mergeAnnotationCopies(libraryDir: string, file: string, withLock: WithLock): Promise<MergeReport> {
  return mergeCopies(libraryDir, file, annotationsRule, 'annotations', withLock)
}

/** A file with no copy beside it is only read: the lock is taken, and files written, only when there is something to merge. */
async function mergeCopies<T>(
  libraryDir: string,
  file: string,
  rule: MergeRule<T>,
  counts: 'annotations' | 'articles',
  withLock: WithLock,
): Promise<MergeReport> {
  const report: MergeReport = { annotations: 0, articles: 0, copies: [] }
  if ((await conflictCopiesOf(file)).length > 0) {
    report[counts] = await withLock(() => mergeCopiesOf(libraryDir, file, rule, report))
  }
  return report
}

async function conflictCopiesOf(file: string): Promise<string[]> {
  const folder = dirname(file)
  const [, stem, ext] = /^(.*?)(\.[^.]+)$/.exec(file.slice(folder.length + 1))!
  const pattern = conflictPattern(stem!, ext!)
  return (await readdir(folder).catch(() => [] as string[])).filter((name) => pattern.test(name)).map((name) => join(folder, name))
}

async function mergeCopiesOf<T>(libraryDir: string, file: string, rule: MergeRule<T>, report: MergeReport): Promise<number> {
  let changes = 0
  for (const copyPath of await conflictCopiesOf(file)) {
    const copy = await readJsonFile(copyPath, rule.kind).catch(() => null)
    if (copy === null) continue // damaged, or from a newer app: left where it is for the user
    const main = await readJsonFile(file, rule.kind).catch(() => null)
    const { merged, changes: added } = main === null ? { merged: copy, changes: 1 } : rule.merge(main, copy)
    await writeJsonAtomic(file, merged)
    await moveToMerged(libraryDir, copyPath)
    changes += added
    report.copies.push(relative(libraryDir, copyPath))
  }
  return changes
}

async function moveToMerged(libraryDir: string, path: string): Promise<void> {
  const target = join(libraryDir, MERGED_FOLDER, relative(libraryDir, path))
  await mkdir(dirname(target), { recursive: true })
  await rename(path, target)
}

async function removeOldMergedCopies(libraryDir: string, now: Date): Promise<void> {
  const root = join(libraryDir, MERGED_FOLDER)
  const limit = now.getTime() - MERGED_KEPT_DAYS * 24 * 3600 * 1000
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
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
