import { useEffect, useRef } from 'react'
import type { ApiEvent } from '@shared/shapes'
import type { Client } from './client'
import { useClient } from './context'

export type EventType = ApiEvent['type']

/** The event of one type, with the fields that type carries. */
export type EventOf<T extends EventType> = Extract<ApiEvent, { type: T }>

type EventFeed = Pick<Client, 'onEvent'>

/** Calls `handler` with the events of the given types only; returns the unsubscribe. */
export function subscribe<T extends EventType>(client: EventFeed, types: readonly T[], handler: (event: EventOf<T>) => void): () => void {
  const wanted = new Set<EventType>(types)
  return client.onEvent((event) => {
    if (wanted.has(event.type)) handler(event as EventOf<T>)
  })
}

/**
 * The events of the given types while the component is mounted: one subscription for its life, the latest
 * `handler` called (it may close over the render's values without subscribing again).
 */
export function useEvents<T extends EventType>(types: readonly T[], handler: (event: EventOf<T>) => void): void {
  const client = useClient()
  const latest = useRef(handler)
  latest.current = handler
  const typesKey = types.join(' ')
  useEffect(() => subscribe(client, typesKey.split(' ') as T[], (event) => latest.current(event)), [client, typesKey])
}

/**
 * One subscription to the door's events however many listeners there are: a browser keeps at most six connections
 * to a host, and a stream per component would hold them all; over IPC it keeps one listener on the channel.
 */
export function sharedEvents(open: (deliver: (event: ApiEvent) => void) => () => void): Client['onEvent'] {
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
