import { BrowserWindow, screen, shell, type WebContents } from 'electron'

import { externalHttpUrl } from './app-protocol'
import { PRODUCT_NAME } from './menu-text'
import { loadWindowState, MIN_WINDOW_SIZE, saveWindowState, type WindowState, windowStateFrom } from './window-state'

/**
 * Locks down every web contents the app creates (the main window, and anything else by mistake): no navigation away
 * from the app (a file dropped on a page that does not handle drops, a link without a target), no new windows,
 * http(s) links the user clicks open in the browser, and no <webview>.
 */
export function secureWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // A window.open or a target=_blank link: never a new Electron window. A clicked http(s) link (the article's
    // source) goes to the user's browser; every other scheme (file:, javascript:, custom ones) is dropped.
    const external = externalHttpUrl(url)
    if (external) void shell.openExternal(external)
    return { action: 'deny' }
  })
}

export interface MainWindow {
  window: BrowserWindow
  /** Writes the window's size and place now (also done on every move and resize, a moment later). */
  saveState(): Promise<void>
}

export interface MainWindowOptions {
  preload: string
  url: string
  stateFile: string
  icon?: string
}

export async function createMainWindow({ preload, url, stateFile, icon }: MainWindowOptions): Promise<MainWindow> {
  const state = await loadWindowState(
    stateFile,
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: PRODUCT_NAME,
    show: false,
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (state.maximized) window.maximize()
  // secureWebContents is already on its web contents: index.ts applies it in `web-contents-created`.
  window.once('ready-to-show', () => window.show())

  let pending: NodeJS.Timeout | null = null
  let writes: Promise<void> = Promise.resolve()
  let last: WindowState | null = null
  const saveState = () => {
    if (pending) clearTimeout(pending)
    pending = null
    if (!window.isDestroyed()) last = windowStateFrom(window.getNormalBounds(), window.isMaximized())
    const toWrite = last
    if (toWrite) writes = writes.then(() => saveWindowState(stateFile, toWrite)).catch((error) => console.error('window state:', error))
    return writes
  }
  const saveSoon = () => {
    if (pending) clearTimeout(pending)
    pending = setTimeout(() => void saveState(), 500)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('maximize', saveSoon)
  window.on('unmaximize', saveSoon)
  window.on('close', () => void saveState())

  window.loadURL(url).catch((error: unknown) => console.error(`Could not load ${url}:`, error))
  return { window, saveState }
}
