import { countOfPostings, encodePostings, forEachPosting } from './postings-codec'
import { searchTerm } from './text-folding'

/**
 * A compact full-text index: for each term, one list of postings, each posting a single small integer
 * (`document number × 256 + term frequency`). MiniSearch kept a Map per term and field and took 184 MB of heap for
 * 10,000 articles; this layout takes a small fraction of it and loads from a plain JSON file, where each term's list
 * is a short string (postings-codec.ts) kept as it is in memory until the term changes.
 * Scoring is BM25 with a title boost; a query term of three letters or more also matches the terms it begins.
 */

export interface IndexedDocument {
  id: string
  title: string
  text: string
}

export interface RankedDocument {
  id: string
  title: string
  score: number
}

export interface QueryResult {
  documents: RankedDocument[]
  /** The index terms the query matched, to highlight them. */
  matchedTerms: Set<string>
}

export interface SerializedIndex {
  ids: string[]
  titles: string[]
  textLengths: number[]
  /** Each term's postings, encoded by postings-codec.ts. */
  title: Record<string, string>
  text: Record<string, string>
}

type Field = 'title' | 'text'
const FIELDS: readonly Field[] = ['title', 'text']
const BOOST: Record<Field, number> = { title: 2, text: 1 }
const PREFIX_MIN_LENGTH = 3
/** A short prefix can begin thousands of terms; the most frequent of them carry the meaning and the time. */
const MAX_PREFIX_EXPANSIONS = 64
const PREFIX_WEIGHT = 0.6
const K1 = 1.2
const B = 0.75
const MAX_FREQUENCY = 255
/** Each query term is one bit of a 32-bit mask. */
const MAX_QUERY_TERMS = 30

class FieldIndex {
  /** Each term's postings as stored (encoded): one string per term, however many documents hold it. */
  readonly stored = new Map<string, string>()
  /** Postings added since the term was last stored, appended to it at the next save. */
  private readonly added = new Map<string, number[]>()
  private sortedTerms: string[] | null = null

  add(documentNumber: number, terms: string[]): void {
    const frequencies = new Map<string, number>()
    for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1)
    for (const [term, frequency] of frequencies) {
      if (!this.has(term)) this.sortedTerms = null
      const added = this.added.get(term) ?? []
      added.push(documentNumber * 256 + Math.min(frequency, MAX_FREQUENCY))
      this.added.set(term, added)
    }
  }

  has(term: string): boolean {
    return this.stored.has(term) || this.added.has(term)
  }

  /** Calls `visit` with each posting of the term, in document order, without building a list of them. */
  forEachPosting(term: string, visit: (posting: number) => void): void {
    const stored = this.stored.get(term)
    if (stored) forEachPosting(stored, visit)
    for (const posting of this.added.get(term) ?? []) visit(posting)
  }

  count(term: string): number {
    const stored = this.stored.get(term)
    return (stored ? countOfPostings(stored) : 0) + (this.added.get(term)?.length ?? 0)
  }

  /** Every term's postings encoded: the terms added to are stored anew. */
  encoded(): Record<string, string> {
    for (const term of this.added.keys()) this.stored.set(term, encodePostings(this.list(term)))
    this.added.clear()
    return Object.fromEntries(this.stored)
  }

  private terms(): Set<string> {
    return new Set([...this.stored.keys(), ...this.added.keys()])
  }

  private list(term: string): number[] {
    const list: number[] = []
    this.forEachPosting(term, (posting) => list.push(posting))
    return list
  }

  /** The term itself, then (for long enough terms) the most frequent terms it begins. */
  expand(term: string): { term: string; exact: boolean }[] {
    const found = this.has(term) ? [{ term, exact: true }] : []
    if (term.length < PREFIX_MIN_LENGTH) return found
    const sorted = (this.sortedTerms ??= [...this.terms()].sort())
    const longer: string[] = []
    for (let i = lowerBound(sorted, term); i < sorted.length && sorted[i]!.startsWith(term); i++) {
      if (sorted[i] !== term) longer.push(sorted[i]!)
    }
    longer.sort((a, b) => this.count(b) - this.count(a))
    return [...found, ...longer.slice(0, MAX_PREFIX_EXPANSIONS).map((t) => ({ term: t, exact: false }))]
  }

  /** Keeps the postings of live documents, renumbered. */
  compact(renumber: Int32Array): void {
    for (const term of this.terms()) {
      const kept: number[] = []
      this.forEachPosting(term, (posting) => {
        const next = renumber[Math.floor(posting / 256)]!
        if (next >= 0) kept.push(next * 256 + (posting % 256))
      })
      if (kept.length > 0) this.stored.set(term, encodePostings(kept))
      else this.stored.delete(term)
    }
    this.added.clear()
    this.sortedTerms = null
  }
}

export class InvertedIndex {
  private ids: string[] = []
  private titles: string[] = []
  private textLengths: number[] = []
  private readonly numberOf = new Map<string, number>()
  private readonly fields: Record<Field, FieldIndex> = { title: new FieldIndex(), text: new FieldIndex() }
  private removed = 0
  private textLengthSum = 0

  static from(serialized: SerializedIndex): InvertedIndex {
    const index = new InvertedIndex()
    index.ids = serialized.ids
    index.titles = serialized.titles
    index.textLengths = serialized.textLengths
    serialized.ids.forEach((id, n) => id && index.numberOf.set(id, n))
    index.removed = serialized.ids.filter((id) => !id).length
    index.textLengthSum = serialized.textLengths.reduce((sum, length) => sum + length, 0)
    for (const field of FIELDS) for (const [term, list] of Object.entries(serialized[field])) index.fields[field].stored.set(term, list)
    return index
  }

  get size(): number {
    return this.numberOf.size
  }

  has(id: string): boolean {
    return this.numberOf.has(id)
  }

  idsInIndex(): string[] {
    return [...this.numberOf.keys()]
  }

  add(document: IndexedDocument): void {
    this.remove(document.id)
    const n = this.ids.length
    const textTerms = termsOf(document.text)
    this.ids.push(document.id)
    this.titles.push(document.title)
    this.textLengths.push(textTerms.length)
    this.textLengthSum += textTerms.length
    this.numberOf.set(document.id, n)
    this.fields.title.add(n, termsOf(document.title))
    this.fields.text.add(n, textTerms)
  }

  /** Forgets a document at once; its postings go at the next `compact`. */
  remove(id: string): void {
    const n = this.numberOf.get(id)
    if (n === undefined) return
    this.numberOf.delete(id)
    this.ids[n] = ''
    this.textLengthSum -= this.textLengths[n]!
    this.removed++
  }

  search(query: string, limit: number): QueryResult {
    const queryTerms = [...new Set(termsOf(query))].slice(0, MAX_QUERY_TERMS)
    if (queryTerms.length === 0) return { documents: [], matchedTerms: new Set() }
    const scores = new Float64Array(this.ids.length)
    const matchedQueryTerms = new Uint32Array(this.ids.length)
    const matchedTerms = new Set<string>()
    const averageLength = this.textLengthSum / Math.max(1, this.size) || 1

    queryTerms.forEach((queryTerm, q) => {
      const bit = 1 << q
      for (const field of FIELDS) {
        for (const { term, exact } of this.fields[field].expand(queryTerm)) {
          // Postings of removed documents linger until compaction; they must not make the frequency exceed the count.
          const frequencyOfTerm = Math.min(this.fields[field].count(term), this.size)
          const idf = Math.log(1 + (this.size - frequencyOfTerm + 0.5) / (frequencyOfTerm + 0.5))
          const weight = BOOST[field] * idf * (exact ? 1 : PREFIX_WEIGHT)
          matchedTerms.add(term)
          this.fields[field].forEachPosting(term, (posting) => {
            const n = Math.floor(posting / 256)
            if (!this.ids[n]) return
            const frequency = posting % 256
            const length = field === 'text' ? this.textLengths[n]! : averageLength
            scores[n]! += (weight * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / averageLength))
            matchedQueryTerms[n]! |= bit
          })
        }
      }
    })

    const allTerms = (1 << queryTerms.length) - 1
    const every = this.rank(scores, (n) => (matchedQueryTerms[n]! & allTerms) === allTerms, limit)
    const documents = every.length > 0 ? every : this.rank(scores, (n) => matchedQueryTerms[n]! !== 0, limit)
    return { documents, matchedTerms }
  }

  private rank(scores: Float64Array, keep: (n: number) => boolean, limit: number): RankedDocument[] {
    const hits: number[] = []
    for (let n = 0; n < scores.length; n++) if (scores[n]! > 0 && keep(n)) hits.push(n)
    hits.sort((a, b) => scores[b]! - scores[a]!)
    return hits.slice(0, limit).map((n) => ({ id: this.ids[n]!, title: this.titles[n]!, score: scores[n]! }))
  }

  /** Drops removed documents for good, when they are worth the rewrite. */
  compactIfWorthIt(): void {
    if (this.removed === 0 || this.removed < this.ids.length / 5) return
    const renumber = new Int32Array(this.ids.length).fill(-1)
    let next = 0
    this.ids.forEach((id, n) => {
      if (id) renumber[n] = next++
    })
    for (const field of FIELDS) this.fields[field].compact(renumber)
    const live = (_: unknown, n: number) => renumber[n]! >= 0
    this.titles = this.titles.filter(live)
    this.textLengths = this.textLengths.filter(live)
    this.ids = this.ids.filter(live)
    this.ids.forEach((id, n) => this.numberOf.set(id, n))
    this.removed = 0
  }

  toJSON(): SerializedIndex {
    const [title, text] = FIELDS.map((field) => this.fields[field].encoded())
    return { ids: this.ids, titles: this.titles, textLengths: this.textLengths, title: title!, text: text! }
  }
}

function termsOf(text: string): string[] {
  const terms: string[] = []
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const term = searchTerm(word)
    if (term) terms.push(term)
  }
  return terms
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! < value) low = middle + 1
    else high = middle
  }
  return low
}
