import type { Api } from '@shared/contract'
import { type Envelope, isErrorData } from '@shared/errors'
import { type MethodName, methodNames } from '@shared/methods'
import type { ApiEvent } from '@shared/shapes'

import { ClientError } from './client-error'
import { type EventFeed, sharedEvents } from './events'

export interface Client extends Api, EventFeed {}

type CallEnvelope = (name: MethodName, args: unknown) => Promise<Envelope<unknown>>

/** What the Electron preload exposes on `window.visavis`. */
interface PreloadBridge extends Record<MethodName, (args: unknown) => Promise<Envelope<unknown>>> {
  onEvent(listener: (event: ApiEvent) => void): () => void
}

/** Picks the door once at start-up: the Electron preload when present, else the browser host over HTTP. */
export function createClient(): Client {
  const bridge = (window as unknown as { visavis?: PreloadBridge }).visavis
  if (bridge)
    return buildClient(
      (name, args) => bridge[name](args),
      sharedEvents((deliver) => bridge.onEvent(deliver)),
    )
  const token = readToken()
  return buildClient((name, args) => postEnvelope(name, args, token), sharedEvents(openEventStream(token)))
}

function buildClient(call: CallEnvelope, onEvent: Client['onEvent']): Client {
  const methods = Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (args: unknown) => {
        const envelope = await call(name, args)
        if (!envelope.ok) throw new ClientError(envelope.error)
        return envelope.result
      },
    ]),
  ) as unknown as Api
  return { ...methods, onEvent }
}

const TOKEN_KEY = 'visavis.token'

/** Sent on `window` when the browser host refuses the page's key: nothing it asks will be answered. */
export const KEY_REFUSED_EVENT = 'visavis:key-refused'

/** The host prints a URL with `?token=`; keep it for reloads and take it out of the address bar. */
function readToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url)
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? ''
}

async function postEnvelope(name: MethodName, args: unknown, token: string): Promise<Envelope<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(args ?? {}),
    })
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The Vis-à-vis host is not answering. Is `visavis serve` still running?' } }
  }
  if (response.status === 401) window.dispatchEvent(new Event(KEY_REFUSED_EVENT))
  const body: unknown = await response.json().catch(() => null)
  if (body && typeof body === 'object' && 'ok' in body) {
    const envelope = body as Envelope<unknown>
    if (envelope.ok || isErrorData(envelope.error)) return envelope
  }
  return { ok: false, error: { code: 'internal', message: `The host answered ${response.status} without a usable body.` } }
}

/** The browser host's server-sent events. */
function openEventStream(token: string) {
  return (deliver: (event: ApiEvent) => void) => {
    const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
    source.onmessage = (message) => deliver(JSON.parse(message.data as string) as ApiEvent)
    return () => source.close()
  }
}
