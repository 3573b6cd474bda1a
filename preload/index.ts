import type { Envelope } from '@shared/errors'
import { IPC_EVENT_CHANNEL, ipcChannelFor } from '@shared/ipc-channels'
import { methodNames } from '@shared/methods'
import type { ApiEvent } from '@shared/shapes'
import { contextBridge, ipcRenderer } from 'electron'

// Named methods generated from the contract; the page never sees ipcRenderer itself.
const methods = Object.fromEntries(
  methodNames.map((name) => [name, (args: unknown): Promise<Envelope<unknown>> => ipcRenderer.invoke(ipcChannelFor(name), args)]),
)

contextBridge.exposeInMainWorld('visavis', {
  ...methods,
  onEvent(listener: (event: ApiEvent) => void): () => void {
    const forward = (_event: unknown, payload: ApiEvent) => listener(payload)
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward)
  },
})
