import { join } from 'node:path'

import { z } from 'zod'

import { detailOf } from '../../api/errors'
import type { Paragraph, SearchHit, Snippet } from '../../api/shapes'
import { writeJsonAtomic } from '../fs/atomic-write'
import { readJsonFile, type StoredFileKind } from '../fs/json-file'
import { type IndexedDocument, InvertedIndex, type SerializedIndex } from './inverted-index'
import { searchTerm, wordsWithOffsets } from './text-folding'

export type SearchDocument = IndexedDocument

export interface StoredIndex {
  formatVersion: number
  index: SerializedIndex
}

/** Raise when indexing changes (terms, layout): a stored index of another version is rebuilt. */
const FORMAT_VERSION = 3
/** The index's layout is checked, not each of its (millions of) postings: a wrong file means a rebuild. */
export const searchIndexFile: StoredFileKind<StoredIndex> = {
  version: FORMAT_VERSION,
  schema: z.object({ formatVersion: z.number(), index: z.custom<SerializedIndex>(hasIndexLayout) }),
}

function hasIndexLayout(value: unknown): boolean {
  const index = value as Partial<SerializedIndex> | null
  const isRecord = (field: unknown) => typeof field === 'object' && field !== null && !Array.isArray(field)
  return (
    isRecord(index) &&
    [index!.ids, index!.titles, index!.textLengths].every((list) => Array.isArray(list) && list.length === index!.ids!.length) &&
    isRecord(index!.title) &&
    isRecord(index!.text)
  )
}
const SNIPPET_LENGTH = 180
/** Saves wait for a quiet moment (a bulk import changes the index many times a second), but never too long. */
const SAVE_QUIET_MS = 1000
const SAVE_AT_MOST_EVERY_MS = 15_000

/**
 * Full-text search over the library, accent- and case-insensitive with prefix matching. The index lives in
 * `search-index.json`; it is updated article by article and saved shortly after a change, and it is rebuilt from
 * the articles when missing, damaged, or out of step with the library.
 */
export class SearchIndex {
  private saveTimer: NodeJS.Timeout | undefined
  private firstUnsavedChangeAt: number | undefined
  private saving: Promise<void> = Promise.resolve()
  private saveFailed = false

  private constructor(
    private readonly file: string,
    private readonly index: InvertedIndex,
    private readonly report: (problem: string) => void,
  ) {}

  /**
   * Opens the stored index and brings it in step with `ids`, reading documents only for what it lacks. `report` hears of a save that failed (a read-only or full disk), once: searching goes on from memory.
   */
  static async open(
    dir: string,
    ids: string[],
    loadDocument: (id: string) => Promise<SearchDocument | null>,
    report: (problem: string) => void,
  ): Promise<SearchIndex> {
    const file = join(dir, 'search-index.json')
    const stored = await readJsonFile(file, searchIndexFile).catch(() => null)
    const index = stored?.formatVersion === FORMAT_VERSION ? InvertedIndex.from(stored.index) : new InvertedIndex()
    const search = new SearchIndex(file, index, report)
    const changed = await search.reconcile(ids, loadDocument)
    if (changed) search.scheduleSave()
    return search
  }

  /** Brings the index in step with `ids`; an article `loadDocument` cannot give (null) stays out of it. */
  async reconcile(ids: string[], loadDocument: (id: string) => Promise<SearchDocument | null>): Promise<boolean> {
    const wanted = new Set(ids)
    const stale = this.index.idsInIndex().filter((id) => !wanted.has(id))
    for (const id of stale) this.index.remove(id)
    const missing = ids.filter((id) => !this.index.has(id))
    for (const id of missing) {
      const document = await loadDocument(id)
      if (document) this.index.add(document)
    }
    return stale.length > 0 || missing.length > 0
  }

  add(document: SearchDocument): void {
    this.index.add(document)
    this.scheduleSave()
  }

  remove(id: string): void {
    if (!this.index.has(id)) return
    this.index.remove(id)
    this.scheduleSave()
  }

  /** Ranked hits; `paragraphsOf` supplies the text the snippet is cut from. */
  async search(query: string, limit: number, paragraphsOf: (id: string) => Promise<Paragraph[]>): Promise<SearchHit[]> {
    const { documents, matchedTerms } = this.index.search(query, limit)
    return Promise.all(
      documents.map(async (document) => ({ ...document, snippet: snippetFor(await paragraphsOf(document.id), matchedTerms) })),
    )
  }

  /** Writes any pending change now; call before the process exits. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer)
      this.saveTimer = undefined
      this.firstUnsavedChangeAt = undefined
      this.saving = this.saving.then(() => this.save())
    }
    await this.saving
  }

  private scheduleSave(): void {
    const now = Date.now()
    this.firstUnsavedChangeAt ??= now
    clearTimeout(this.saveTimer)
    const delay = Math.min(SAVE_QUIET_MS, this.firstUnsavedChangeAt + SAVE_AT_MOST_EVERY_MS - now)
    this.saveTimer = setTimeout(
      () => {
        this.saveTimer = undefined
        this.firstUnsavedChangeAt = undefined
        this.saving = this.saving.then(() => this.save())
      },
      Math.max(0, delay),
    )
    this.saveTimer.unref()
  }

  /** A failed save loses nothing: the index is brought in step with the library when next opened. */
  private async save(): Promise<void> {
    this.index.compactIfWorthIt()
    const stored: StoredIndex = { formatVersion: FORMAT_VERSION, index: this.index.toJSON() }
    await writeJsonAtomic(this.file, stored, { indent: 0 }).catch((error: unknown) => {
      if (!this.saveFailed)
        this.report(`${this.file} could not be saved; it is rebuilt when the library is next opened: ${detailOf(error)}`)
      this.saveFailed = true
    })
  }
}

/** The first paragraph holding a matched term, cut around the first match, with every match marked. */
export function snippetFor(paragraphs: Paragraph[], terms: Set<string>): Snippet {
  for (const paragraph of paragraphs) {
    const matches = [...wordsWithOffsets(paragraph.text)].filter(({ word }) => {
      const term = searchTerm(word)
      return term !== null && terms.has(term)
    })
    if (matches.length === 0) continue
    const first = matches[0]!
    const start = Math.max(0, wordStartBefore(paragraph.text, first.start - SNIPPET_LENGTH / 3))
    const end = Math.min(paragraph.text.length, start + SNIPPET_LENGTH)
    const prefix = start > 0 ? '…' : ''
    const text = `${prefix}${paragraph.text.slice(start, end).trimEnd()}${end < paragraph.text.length ? '…' : ''}`
    const highlights = matches
      .filter((match) => match.end <= end)
      .map((match): [number, number] => [match.start - start + prefix.length, match.end - start + prefix.length])
    return { paragraphId: paragraph.id, text, highlights }
  }
  const text = paragraphs[0]?.text ?? ''
  return {
    paragraphId: paragraphs[0]?.id ?? null,
    text: text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text,
    highlights: [],
  }
}

function wordStartBefore(text: string, position: number): number {
  if (position <= 0) return 0
  const space = text.lastIndexOf(' ', position)
  return space === -1 ? 0 : space + 1
}
