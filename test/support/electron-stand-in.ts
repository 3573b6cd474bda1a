import { EventEmitter } from 'node:events'
import { join, sep } from 'node:path'

import { vi } from 'vitest'

/**
 * A stand-in for the `electron` module, for `vi.mock('electron', …)`: no Electron binary can be installed here, so the
 * shell's main process runs under Node against Electron 45's API as documented. `__test` gives the test what the
 * shell did: calls made before ready, the windows and their web contents, the menus.
 */
export function electronStandIn({ isPackaged = false }: { isPackaged?: boolean } = {}) {
  const state = { userData: '', calls: [] as string[] }

  class FakeWebContents extends EventEmitter {
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null
    sent: [string, unknown][] = []
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload])
    }
    isDestroyed() {
      return false
    }
    // Spies on what the shell must never do to a page.
    executeJavaScript = vi.fn()
    insertCSS = vi.fn()
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged,
    commandLine: { appendSwitch: vi.fn() },
    name: 'Vis-à-vis',
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(() => state.calls.push('enableSandbox')),
    setPath: vi.fn(() => state.calls.push('setPath')),
    getPath: vi.fn((name: string) => (name === 'documents' ? join(state.userData, 'Documents') : state.userData)),
    getAppPath: vi.fn(() => process.cwd()),
    getVersion: vi.fn(() => '0.1.0'),
    whenReady: vi.fn(() => {
      state.calls.push('whenReady')
      return Promise.resolve()
    }),
    setAsDefaultProtocolClient: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
  })

  class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = []
    webContents = new FakeWebContents()
    loaded: string[] = []
    maximized = false
    progress: number[] = []
    constructor(readonly options: Record<string, unknown>) {
      super()
      // As Electron does: the web contents exists (and is announced) before anything loads in it.
      app.emit('web-contents-created', {}, this.webContents)
      FakeBrowserWindow.instances.push(this)
    }
    loadFile = vi.fn()
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
    maximize() {
      this.maximized = true
    }
    isMaximized() {
      return this.maximized
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1111, height: 777 }
    }
    isDestroyed() {
      return false
    }
    isMinimized() {
      return false
    }
    restore() {}
    show() {}
    focus() {}
    setProgressBar(value: number) {
      this.progress.push(value)
    }
  }

  const menus: unknown[][] = []
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => state.calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() },
    },
    ipcMain: { handle: vi.fn() },
    // The preload's side.
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn(), sendToHost: vi.fn() },
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }]) },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    dialog: {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
      showMessageBox: vi.fn(() => Promise.resolve({ response: 0, checkboxChecked: false })),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => {
        menus.push(template)
        return { template }
      }),
      setApplicationMenu: vi.fn(),
    },
    __test: { state, menus, FakeBrowserWindow, FakeWebContents },
  }
}

/** `node:fs/promises` whose readFile serves stand-in bytes for the renderer's files, which are not built into main/renderer. */
export function withRendererBytes<Fs extends typeof import('node:fs/promises')>(actual: Fs): Fs {
  // Where main/electron/index.ts looks from its source (`../renderer`); not the project's own renderer/ folder.
  const rendererDir = join(import.meta.dirname, '../../main/renderer') + sep
  const readFile = vi.fn((path: unknown, ...rest: unknown[]) =>
    String(path).startsWith(rendererDir) && !String(path).endsWith('missing.js')
      ? Promise.resolve(Buffer.from(`contents of ${String(path)}`))
      : (actual.readFile as (...args: unknown[]) => Promise<unknown>)(path, ...rest),
  )
  return { ...actual, readFile, default: { ...actual, readFile } }
}
