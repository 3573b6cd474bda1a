import { ClientError } from './client-error'
import { type EventFeed, type EventOf, type EventType, subscribe } from './events'

/** Events closer together than this make one reload (a folder import changes the library many times over). */
export const RELOAD_COALESCE_MS = 50

export interface CoreDataState<T> {
  /** The latest answer; null before the first. */
  data: T | null
  error: ClientError | null
}

export interface CoreDataOptions<T, E extends EventType> {
  /** The event types that make the data out of date. */
  events?: readonly E[]
  /** Which of those events concern this data (all of them when absent). */
  accepts?: (event: EventOf<E>) => boolean
  /** The data an event carries, taken as it is instead of asking again. */
  fromEvent?: (event: EventOf<E>) => T
  /** What the data is of (an article's id…): a new key asks again, and no answer for an older key is kept. */
  key?: string | number
  /** Keeps the previous key's data shown until the new key's answer comes (else it goes back to null). */
  keepPreviousData?: boolean
}

interface CoreDataSource<T, E extends EventType> extends CoreDataOptions<T, E> {
  load: () => Promise<T>
}

const NO_KEY = Symbol('no key yet')

/**
 * Data read from the core and kept current: loaded, asked again when its events come (a burst makes one reload), and
 * only the answer to the latest request applied — an answer to an older request, for an older key or from before
 * a local change never overwrites a newer one.
 */
export class CoreDataStore<T, E extends EventType = never> {
  private state: CoreDataState<T> = { data: null, error: null }
  private latestRequest = 0
  private key: string | number | undefined | typeof NO_KEY = NO_KEY
  private reloadTimer: ReturnType<typeof setTimeout> | null = null
  private readonly watchers = new Set<() => void>()

  /** `source` is read at each use, so that it may close over the caller's latest values. */
  constructor(
    private readonly client: EventFeed,
    private readonly source: () => CoreDataSource<T, E>,
  ) {}

  readonly getSnapshot = (): CoreDataState<T> => this.state

  /** For useSyncExternalStore: `watcher` is called after each change of state. */
  readonly watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher)
    return () => this.watchers.delete(watcher)
  }

  /** Follows the events; the returned stop also drops the answers still on their way. */
  listen(): () => void {
    const stopEvents = subscribe(this.client, this.source().events ?? [], (event) => this.onEvent(event))
    return () => {
      stopEvents()
      this.cancelReload()
      this.latestRequest++
    }
  }

  /** Loads the data for `key`; a new key first clears the old key's data unless asked to keep it. */
  show(key: string | number | undefined): void {
    if (key !== this.key) {
      const replacing = this.key !== NO_KEY
      this.key = key
      if (replacing && !this.source().keepPreviousData) this.setState({ data: null, error: null })
    }
    this.reload()
  }

  /** Asks the core again now; resolves once the answer is applied (or dropped as stale). */
  readonly reload = (): Promise<void> => {
    this.cancelReload()
    const request = ++this.latestRequest
    return this.source()
      .load()
      .then(
        (data) => {
          if (request === this.latestRequest) this.setState({ data, error: null })
        },
        (error: unknown) => {
          if (request === this.latestRequest) this.setState({ ...this.state, error: ClientError.from(error) })
        },
      )
  }

  /** Asks again shortly, once for however many calls come meanwhile. */
  readonly reloadSoon = (): void => {
    this.reloadTimer ??= setTimeout(() => void this.reload(), RELOAD_COALESCE_MS)
  }

  /** A change made here, shown at once: answers to requests sent before it are dropped. */
  readonly set = (update: T | ((current: T | null) => T)): void => {
    this.latestRequest++
    const data = typeof update === 'function' ? (update as (current: T | null) => T)(this.state.data) : update
    this.setState({ data, error: null })
  }

  private onEvent(event: EventOf<E>): void {
    const { accepts, fromEvent } = this.source()
    if (accepts && !accepts(event)) return
    if (fromEvent) this.set(fromEvent(event))
    else this.reloadSoon()
  }

  private cancelReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer)
    this.reloadTimer = null
  }

  private setState(state: CoreDataState<T>): void {
    this.state = state
    for (const watcher of [...this.watchers]) watcher()
  }
}
