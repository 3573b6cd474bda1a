import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'

import type { Client } from '../api/client'
import { useClient } from '../api/context'
import { type CoreDataOptions, type CoreDataState, CoreDataStore } from '../api/core-data-store'
import type { EventType } from '../api/events'

export interface CoreData<T> extends CoreDataState<T> {
  /** Asks again now; resolves once the answer is shown (or dropped as stale). */
  reload: () => Promise<void>
  /** Asks again shortly, coalesced with the events that come meanwhile (as after a change this window made). */
  reloadSoon: () => void
  /** A change made here, shown at once; answers to requests sent before it are dropped. */
  set: (update: T | ((current: T | null) => T)) => void
}

/**
 * What `load` reads from the core, kept current by the given events; see CoreDataStore. `load` and the options
 * may change from render to render; only a change of `key` asks again.
 */
export function useCoreData<T, E extends EventType = never>(
  load: (client: Client) => Promise<T>,
  options: CoreDataOptions<T, E> = {},
): CoreData<T> {
  const client = useClient()
  const source = useRef({ load, options })
  source.current = { load, options }
  const store = useMemo(
    () => new CoreDataStore<T, E>(client, () => ({ ...source.current.options, load: () => source.current.load(client) })),
    [client, source],
  )
  const state = useSyncExternalStore(store.watch, store.getSnapshot)
  useEffect(() => store.listen(), [store])
  useEffect(() => store.show(options.key), [store, options.key])
  return useMemo(() => ({ ...state, reload: store.reload, reloadSoon: store.reloadSoon, set: store.set }), [state, store])
}
