import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { ApiEvent } from '../../main/api/shapes'
import { ClientError } from '../../renderer/src/api/client-error'
import { type CoreDataOptions, CoreDataStore, RELOAD_COALESCE_MS } from '../../renderer/src/api/core-data-store'
import { type EventType, sharedEvents, subscribe } from '../../renderer/src/api/events'

/** A client whose only door is its event feed: the test emits, and counts who listens. */
function fakeEvents() {
  const listeners = new Set<(event: ApiEvent) => void>()
  return {
    subscriptions: 0,
    get listening() {
      return listeners.size
    },
    onEvent(listener: (event: ApiEvent) => void) {
      this.subscriptions++
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    emit(event: ApiEvent) {
      for (const listener of [...listeners]) listener(event)
    },
  }
}

/** Loads that answer when the test says, in any order. */
function controlledLoads<T>() {
  const pending: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = []
  return {
    pending,
    load: () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject })),
  }
}

function storeOf<T, E extends EventType = never>(load: () => Promise<T>, options: CoreDataOptions<T, E> = {}) {
  const events = fakeEvents()
  const store = new CoreDataStore<T, E>(events, () => ({ ...options, load }))
  return { events, store }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))
const libraryChanged: ApiEvent = { type: 'library.changed', articleIds: ['a1'] }

describe('core data', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }))
  afterEach(() => vi.useRealTimers())

  it('drops a slow first answer that arrives after a fast second one', async () => {
    const { pending, load } = controlledLoads<string>()
    const { store } = storeOf(load)
    store.show(undefined)
    store.reload()
    pending[1]!.resolve('second')
    await settle()
    pending[0]!.resolve('first')
    await settle()
    expect(store.getSnapshot().data).toBe('second')
  })

  it('resolves a reload once its answer is shown, so that a change can be followed by the list as it now is', async () => {
    const loads = controlledLoads<string>()
    const { store } = storeOf(loads.load)
    const reloaded = store.reload()
    setImmediate(() => loads.pending[0]!.resolve('after the change'))
    await reloaded
    expect(store.getSnapshot().data).toBe('after the change')
  })

  it('keeps no answer for an older key, and clears the old data when the key changes', async () => {
    const loads = controlledLoads<string>()
    const { store } = storeOf(loads.load)
    store.show('a1')
    loads.pending[0]!.resolve('article 1')
    await settle()
    store.show('a2')
    expect(store.getSnapshot().data).toBeNull()
    store.show('a3')
    loads.pending[2]!.resolve('article 3')
    loads.pending[1]!.resolve('article 2')
    await settle()
    expect(store.getSnapshot().data).toBe('article 3')
  })

  it('keeps the previous data until the new key answers when asked to', async () => {
    const loads = controlledLoads<string>()
    const { store } = storeOf(loads.load, { keepPreviousData: true })
    store.show('query 1')
    loads.pending[0]!.resolve('hits 1')
    await settle()
    store.show('query 2')
    expect(store.getSnapshot().data).toBe('hits 1')
  })

  it('drops an answer that comes back after a local change', async () => {
    const loads = controlledLoads<number>()
    const { store } = storeOf(loads.load)
    store.show(undefined)
    store.set(7)
    loads.pending[0]!.resolve(1)
    await settle()
    expect(store.getSnapshot().data).toBe(7)
  })

  it('reloads on a subscribed event, once for a burst, and not on another type', async () => {
    const load = vi.fn(async () => 'list')
    const { events, store } = storeOf(load, { events: ['library.changed'] })
    const stop = store.listen()
    store.show(undefined)
    expect(load).toHaveBeenCalledTimes(1)

    events.emit({ type: 'models.changed' })
    vi.advanceTimersByTime(RELOAD_COALESCE_MS)
    expect(load).toHaveBeenCalledTimes(1)

    events.emit(libraryChanged)
    events.emit(libraryChanged)
    store.reloadSoon()
    vi.advanceTimersByTime(RELOAD_COALESCE_MS)
    expect(load).toHaveBeenCalledTimes(2)
    stop()
  })

  it('reloads only for the events it accepts', () => {
    const load = vi.fn(async () => [])
    const { events, store } = storeOf(load, { events: ['annotations.changed'], accepts: (event) => event.articleId === 'a1' })
    store.listen()
    events.emit({ type: 'annotations.changed', articleId: 'a2' })
    vi.advanceTimersByTime(RELOAD_COALESCE_MS)
    expect(load).not.toHaveBeenCalled()
    events.emit({ type: 'annotations.changed', articleId: 'a1' })
    vi.advanceTimersByTime(RELOAD_COALESCE_MS)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('takes the data an event carries without asking again', () => {
    const load = vi.fn(async () => 0)
    const { events, store } = storeOf(load, { events: ['library.merged'], fromEvent: (event) => event.merged.copies })
    store.listen()
    events.emit({ type: 'library.merged', merged: { copies: 2, notes: 1, articles: 0, sentences: 0, glossaryEntries: 0, settings: 0 } })
    expect(store.getSnapshot().data).toBe(2)
    vi.advanceTimersByTime(RELOAD_COALESCE_MS)
    expect(load).not.toHaveBeenCalled()
  })

  it('subscribes once for its life, and after stopping neither listens nor applies an answer on its way', async () => {
    const loads = controlledLoads<string>()
    const { events, store } = storeOf(loads.load, { events: ['library.changed', 'annotations.changed'] })
    const stop = store.listen()
    store.show(undefined)
    store.reload()
    expect(events.subscriptions).toBe(1)
    stop()
    expect(events.listening).toBe(0)
    loads.pending[1]!.resolve('late')
    await settle()
    expect(store.getSnapshot().data).toBeNull()
  })

  it('surfaces a failure as a client error with its code, keeping the data shown', async () => {
    const loads = controlledLoads<string>()
    const { store } = storeOf(loads.load)
    store.show(undefined)
    loads.pending[0]!.resolve('list')
    await settle()
    store.reload()
    loads.pending[1]!.reject(new ClientError({ code: 'engine_unavailable', message: 'No engine.', messageCode: 'no_engine_for_pair' }))
    await settle()
    expect(store.getSnapshot()).toMatchObject({ data: 'list', error: { code: 'engine_unavailable', messageCode: 'no_engine_for_pair' } })
    store.reload()
    loads.pending[2]!.reject(new TypeError('boom'))
    await settle()
    expect(store.getSnapshot().error).toMatchObject({ code: 'internal', message: 'boom' })
    expect(store.getSnapshot().error).toBeInstanceOf(ClientError)
  })
})

describe('events by type', () => {
  it('opens one stream for every listener, and closes it after the last leaves', () => {
    let opened = 0
    let closed = 0
    let deliver: (event: ApiEvent) => void = () => undefined
    const onEvent = sharedEvents((to) => {
      opened++
      deliver = to
      return () => void closed++
    })
    const library: ApiEvent[] = []
    const models: ApiEvent[] = []
    const stopLibrary = subscribe({ onEvent }, ['library.changed'], (event) => library.push(event))
    const stopModels = subscribe({ onEvent }, ['models.changed'], (event) => models.push(event))
    deliver(libraryChanged)
    deliver({ type: 'models.changed' })
    expect([opened, library.length, models.length]).toEqual([1, 1, 1])
    stopLibrary()
    expect(closed).toBe(0)
    stopModels()
    expect(closed).toBe(1)
  })
})
