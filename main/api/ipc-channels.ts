/** Electron IPC channel names, shared by the main-process door and the preload. */
export const ipcChannelFor = (methodName: string) => `visavis:${methodName}`
export const IPC_EVENT_CHANNEL = 'visavis:event'
