import type { ApiEvent } from '@shared/shapes'

export type EventType = ApiEvent['type']

/** The event of one type, with the fields that type carries. */
export type EventOf<T extends EventType> = Extract<ApiEvent, { type: T }>

/** Where the core's events come from: each door's, and the client's. */
export interface EventFeed {
  onEvent(listener: (event: ApiEvent) => void): () => void
}

/** Calls `handler` with the events of the given types only; returns the unsubscribe. */
export function subscribe<T extends EventType>(client: EventFeed, types: readonly T[], handler: (event: EventOf<T>) => void): () => void {
  const wanted = new Set<EventType>(types)
  return client.onEvent((event) => {
    if (wanted.has(event.type)) handler(event as EventOf<T>)
  })
}

/**
 * One subscription to the door's events however many listeners there are: a browser keeps at most six connections
 * to a host, and a stream per component would hold them all; over IPC it keeps one listener on the channel.
 */
export function sharedEvents(open: (deliver: (event: ApiEvent) => void) => () => void): EventFeed['onEvent'] {
  const listeners = new Set<(event: ApiEvent) => void>()
  let close: (() => void) | null = null
  return (listener) => {
    listeners.add(listener)
    close ??= open((event) => {
      for (const each of [...listeners]) each(event)
    })
    return () => {
      listeners.delete(listener)
      if (listeners.size > 0) return
      close?.()
      close = null
    }
  }
}
