/** How many maps the states are spread over: a change copies one of them, a 64th of a long article. */
const BUCKETS = 64

/**
 * What is known of each paragraph's translation, as React state: a change makes a new value that shares all but the
 * buckets it touches. A book-length article's translations arrive a few paragraphs a frame, and a copy of one
 * 5,000-entry map per frame was enough garbage for the collector to pause the reader's scroll.
 */
export class ParagraphStates<State> {
  private constructor(private readonly buckets: readonly Map<string, State>[]) {}

  static of<State>(entries: Iterable<[string, State]> = []): ParagraphStates<State> {
    return new ParagraphStates<State>(Array.from({ length: BUCKETS }, () => new Map<string, State>())).with(entries)
  }

  get(id: string): State | undefined {
    return this.buckets[bucketOf(id)]!.get(id)
  }

  /** These states set, the others kept. */
  with(changes: Iterable<[string, State]>): ParagraphStates<State> {
    const buckets = [...this.buckets]
    const copied = new Set<number>()
    for (const [id, state] of changes) {
      const index = bucketOf(id)
      if (!copied.has(index)) {
        buckets[index] = new Map(buckets[index])
        copied.add(index)
      }
      buckets[index]!.set(id, state)
    }
    return copied.size === 0 ? this : new ParagraphStates(buckets)
  }

  /** Every state passed through `change`. */
  map(change: (state: State) => State): ParagraphStates<State> {
    return new ParagraphStates(this.buckets.map((bucket) => new Map([...bucket].map(([id, state]) => [id, change(state)]))))
  }
}

/** A string hash (FNV-1a) folded into a bucket's index. */
function bucketOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % BUCKETS
}
