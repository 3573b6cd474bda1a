import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, session } from 'electron'
import { createDispatcher } from '../api/dispatch'
import { createCore } from '../core/core'
import { defaultUserDataDir } from '../core/paths'
import { forwardEvents, registerIpc } from './ipc'

// The CLI computes the same folder without Electron; both must agree.
app.setPath('userData', defaultUserDataDir())

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href

if (!app.requestSingleInstanceLock()) app.quit()
else void start()

async function start(): Promise<void> {
  await app.whenReady()
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => grant(false))
  const core = await createCore({ libraryDir: join(app.getPath('userData'), 'library') })
  registerIpc(createDispatcher(core), (event) => event.senderFrame?.url.startsWith(rendererUrl.split('#')[0]!) ?? false)

  const window = createWindow()
  forwardEvents(core, window.webContents)
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('window-all-closed', () => app.quit())
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Vis-à-vis',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererUrl)
  return window
}
