import { useEffect, useRef } from 'react'

import { useClient } from '../api/context'
import { type EventOf, type EventType, subscribe } from '../api/events'

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
