import { open, readFile, rm, stat, truncate } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import { Low } from 'lowdb'

import { ApiError } from '../../api/errors'
import type { ArticleSummary } from '../../api/shapes'
import { syncFolder } from '../fs/atomic-write'
import { AtomicJsonFile, moveAside } from '../fs/json-file'
import {
  type JournalEntry,
  journalEntry,
  LIBRARY_SCHEMA_VERSION,
  type LibraryIndex,
  libraryIndexFile,
  type TrashedArticle,
} from './library-files'

/** The journal is folded into library.json once it holds a quarter of what library.json does (or 64 KB). */
const COMPACT_AT_FRACTION = 0.25
const COMPACT_AT_LEAST_BYTES = 64 * 1024

/**
 * The library's index: `library.json`, written whole now and then, and `library.journal`, the changes made since,
 * one JSON line each, appended and fsynced. A change costs a line whatever the library's size; reading applies the
 * lines in order over library.json. Lines are whole states (see `JournalEntry`), so a line applied twice (a crash
 * between writing library.json and removing the journal) changes nothing. Only the caller's lock keeps two writers
 * apart; `refresh` under that lock gives the index as it is on disk before a change.
 */
export class IndexStore {
  readonly articles = new Map<string, ArticleSummary>()
  readonly trash = new Map<string, TrashedArticle>()
  /** Counts the changes applied in memory: what is derived from the index (the sorted list) is kept per revision. */
  revision = 0
  /** Which library.json was read, to tell whether another process has written it since. */
  private snapshotStamp: FileStamp | null = null
  private snapshotVersion = LIBRARY_SCHEMA_VERSION
  /** How many bytes of the journal have been applied: every complete line up to there. */
  private journalBytes = 0
  private readonly snapshot: Low<LibraryIndex>

  constructor(
    private readonly dir: string,
    private readonly report: (problem: string) => void,
  ) {
    this.snapshot = new Low(new AtomicJsonFile(this.snapshotFile, libraryIndexFile), emptyIndex())
  }

  get snapshotFile(): string {
    return join(this.dir, 'library.json')
  }

  get journalFile(): string {
    return join(this.dir, 'library.journal')
  }

  /** The version of library.json as read: a newer one is not to be written over. */
  get version(): number {
    return this.snapshotVersion
  }

  /** Reads what changed on disk since the last read; true when anything did. */
  async refresh(): Promise<boolean> {
    if ((await stampOf(this.snapshotFile))?.id !== this.snapshotStamp?.id) {
      await this.readAll()
      return true
    }
    return this.readJournal()
  }

  /**
   * Records changes: a line each in the journal (durably), or library.json written whole when it must be. Changes
   * that change nothing are left out (a file rewritten with what it held is one more conflict for a sync tool).
   */
  async write(entries: JournalEntry[]): Promise<void> {
    const changes = entries.filter((entry) => this.changesSomething(entry))
    if (changes.length === 0) return
    for (const entry of changes) this.apply(entry)
    // A library.json of version 1 is migrated before any journal is written: an older app would not read the journal.
    if (this.snapshotStamp === null || this.snapshotVersion < LIBRARY_SCHEMA_VERSION) await this.compact()
    else await this.append(changes.map((entry) => `${JSON.stringify(entry)}\n`).join(''))
  }

  /** The whole index, as a library.json would hold it. */
  get state(): LibraryIndex {
    return { schemaVersion: LIBRARY_SCHEMA_VERSION, articles: [...this.articles.values()], trash: [...this.trash.values()] }
  }

  /** Replaces the whole index (a sync merge): library.json written whole, the journal removed. */
  async replace(index: LibraryIndex): Promise<void> {
    this.clear()
    for (const article of index.articles) this.apply({ article })
    for (const trashed of index.trash) this.apply({ trashed })
    await this.compact()
  }

  get compactionDue(): boolean {
    return this.journalBytes > Math.max(COMPACT_AT_LEAST_BYTES, (this.snapshotStamp?.size ?? 0) * COMPACT_AT_FRACTION)
  }

  /** Writes library.json whole with every change, then removes the journal. */
  async compact(): Promise<void> {
    this.snapshot.data = this.state
    await this.snapshot.write()
    await rm(this.journalFile, { force: true })
    this.snapshotStamp = await stampOf(this.snapshotFile)
    this.snapshotVersion = LIBRARY_SCHEMA_VERSION
    this.journalBytes = 0
  }

  /** Applies a change in memory only: what could not be written is still listed for this run. */
  apply(entry: JournalEntry): void {
    this.revision++
    if ('article' in entry) this.articles.set(entry.article.id, entry.article)
    else if ('removed' in entry) this.articles.delete(entry.removed)
    else if ('trashed' in entry) this.trash.set(entry.trashed.id, entry.trashed)
    else this.trash.delete(entry.purged)
  }

  private clear(): void {
    this.revision++
    this.articles.clear()
    this.trash.clear()
  }

  private changesSomething(entry: JournalEntry): boolean {
    if ('article' in entry) return !sameJson(this.articles.get(entry.article.id), entry.article)
    if ('removed' in entry) return this.articles.has(entry.removed)
    if ('trashed' in entry) return !sameJson(this.trash.get(entry.trashed.id), entry.trashed)
    return this.trash.has(entry.purged)
  }

  /** library.json, then the whole journal; a damaged library.json is set aside and the index starts empty. */
  private async readAll(): Promise<void> {
    const stamp = await stampOf(this.snapshotFile) // before reading: a file replaced meanwhile is read again next time
    const index = await this.readSnapshot()
    this.clear()
    for (const article of index.articles) this.apply({ article })
    for (const trashed of index.trash) this.apply({ trashed })
    this.snapshotStamp = stamp
    this.snapshotVersion = index.schemaVersion
    this.journalBytes = 0
    await this.readJournal()
  }

  private async readSnapshot(): Promise<LibraryIndex> {
    try {
      await this.snapshot.read()
      return this.snapshot.data
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'corrupt_file') throw error
      const aside = await moveAside(this.snapshotFile)
      if (aside) {
        this.report(
          `${this.snapshotFile} was damaged: it was moved to ${aside} and the index rebuilt from the article folders (tags and reading positions are in the damaged copy).`,
        )
      }
      return emptyIndex()
    }
  }

  /**
   * Applies the journal's lines not applied yet. A last line without its newline is an append cut short: it is left
   * out, and cut off by the next append. A complete line that is not a change is damage: the journal is set aside.
   */
  private async readJournal(): Promise<boolean> {
    const tail = await readFrom(this.journalFile, this.journalBytes)
    if (tail === 'shorter') {
      await this.readAll() // replaced by another process's compaction
      return true
    }
    const end = tail.lastIndexOf(0x0a) + 1
    if (end === 0) return false
    const lines = tail.subarray(0, end).toString('utf8').split('\n').slice(0, -1)
    for (const line of lines) {
      const entry = parseEntry(line)
      if (!entry) return this.setJournalAside()
      this.apply(entry)
    }
    this.journalBytes += end
    return true
  }

  private async setJournalAside(): Promise<true> {
    const aside = await moveAside(this.journalFile)
    if (aside) {
      this.report(
        `${this.journalFile} was damaged: it was moved to ${aside}; the changes before the damage are kept, those after it are in that copy.`,
      )
    }
    this.journalBytes = 0
    return true
  }

  private async append(text: string): Promise<void> {
    const size = (await stat(this.journalFile).catch(() => null))?.size
    if (size !== undefined && size > this.journalBytes) await truncate(this.journalFile, this.journalBytes)
    const handle = await open(this.journalFile, 'a')
    try {
      await handle.appendFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (size === undefined) await syncFolder(this.dir) // the journal's name is as durable as its lines
    this.journalBytes += Buffer.byteLength(text)
  }
}

/** The changes a journal holds, as an index of what they touched: another computer's, from its conflict copy. */
export async function readJournalChanges(path: string): Promise<LibraryIndex> {
  const changes = new IndexStore(dirname(path), () => undefined)
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    const entry = parseEntry(line)
    if (entry) changes.apply(entry)
  }
  return changes.state
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function parseEntry(line: string): JournalEntry | null {
  try {
    const parsed = journalEntry.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The bytes of `path` from `offset` on (none for a missing file); 'shorter' when the file holds fewer than that. */
async function readFrom(path: string, offset: number): Promise<Buffer | 'shorter'> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (!handle) return offset > 0 ? 'shorter' : Buffer.alloc(0)
  try {
    const { size } = await handle.stat()
    if (size < offset) return 'shorter'
    const bytes = Buffer.alloc(size - offset)
    await handle.read(bytes, 0, bytes.length, offset)
    return bytes
  } finally {
    await handle.close()
  }
}

interface FileStamp {
  /** Inode, size and time: a file written again (atomically: a new inode) has another. */
  id: string
  size: number
}

async function stampOf(path: string): Promise<FileStamp | null> {
  const info = await stat(path).catch(() => null)
  return info ? { id: `${info.ino}:${info.size}:${info.mtimeMs}`, size: info.size } : null
}

function emptyIndex(): LibraryIndex {
  return { schemaVersion: LIBRARY_SCHEMA_VERSION, articles: [], trash: [] }
}
