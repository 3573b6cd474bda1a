import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { app, type IpcMainInvokeEvent, protocol, session } from 'electron'

import { createDispatcher } from '../api/dispatch'
import { createCore } from '../core/core'
import extractionWorker from '../core/import/extraction-worker?modulePath'
import { defaultUserDataDir } from '../core/paths'
import { APP_SCHEME, appResponseHeaders, isTrustedRendererUrl, rendererUrlFor, resolveAppFile } from './app-protocol'
import { DEEP_LINK_SCHEME, isEmptyRequest, type LaunchRequest, launchRequestFromArgv, parseDeepLink, routeHashFor } from './deep-link'
import { forwardEvents, registerIpc } from './ipc'
import { importAndReport, installMenu, type Shell } from './menu'
import { createMainWindow, secureWebContents } from './window'
import { WINDOW_STATE_FILE } from './window-state'

/** The built renderer: the only folder the app protocol serves. */
const RENDERER_DIR = join(import.meta.dirname, '../renderer')
const PRELOAD = join(import.meta.dirname, '../preload/index.cjs')
/** The electron-vite dev server, in development only: a packaged app never loads a page the environment names. */
const devServerUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null)
const QUIT_TIME_LIMIT_MS = 5000
/** Leading arguments that are not the user's: the executable, and in development the app's folder. */
const ARGV_SKIP = process.defaultApp ? 2 : 1

// Before `ready`, or they have no effect: the app's origin, sandboxed renderers, the folder the CLI also uses.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
])
app.enableSandbox()
// The CLI computes the same folder without Electron; both must agree.
app.setPath('userData', defaultUserDataDir())

/** Deep links and files that arrive before the window exists wait here. */
const waiting: LaunchRequest[] = []
let handleRequest: ((request: LaunchRequest) => void) | null = null
let bringToFront: (() => void) | null = null

function receive(request: LaunchRequest): void {
  if (isEmptyRequest(request)) return
  if (handleRequest) handleRequest(request)
  else waiting.push(request)
}

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it gets our argv (deep link, files) through `second-instance`.
  app.quit()
} else {
  receive(launchRequestFromArgv(process.argv, { skip: ARGV_SKIP, cwd: process.cwd() }))
  // macOS hands links and opened files over as events, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    receive({ deepLink: parseDeepLink(url), files: [] })
  })
  app.on('open-file', (event, path) => {
    event.preventDefault()
    receive(launchRequestFromArgv([path], { skip: 0, cwd: process.cwd() }))
  })
  // Launching the app again (a link, "Open with", the launcher) lands here, in the running instance.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    bringToFront?.()
    receive(launchRequestFromArgv(argv, { skip: ARGV_SKIP, cwd: workingDirectory }))
  })
  // Every web contents, whoever creates it, gets the navigation, new-window and <webview> guards.
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents))
  start().catch((error: unknown) => {
    console.error('Vis-à-vis could not start:', error)
    app.exit(1)
  })
}

async function start(): Promise<void> {
  await app.whenReady()
  // A development build would register the bare Electron binary as the handler: only the packaged app claims it.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  lockDownSession()
  protocol.handle(APP_SCHEME, serveAppFile)

  const userDataDir = app.getPath('userData')
  const core = await createCore({ libraryDir: join(userDataDir, 'library'), userDataDir, extractionWorker, watch: true, warmEngines: true })
  registerIpc(createDispatcher(core), isTrustedSender)

  // A deep link given at launch is the first page loaded, so the reader opens there without a detour.
  const launchLink = waiting.find((request) => request.deepLink)?.deepLink ?? null
  const { window, saveState } = await createMainWindow({
    preload: PRELOAD,
    url: rendererUrlFor(launchLink ? routeHashFor(launchLink) : '', devServerUrl),
    stateFile: join(userDataDir, WINDOW_STATE_FILE),
    icon: app.isPackaged ? join(process.resourcesPath, 'icons/256x256.png') : join(app.getAppPath(), 'resources/icons/256x256.png'),
  })
  forwardEvents(core, window.webContents)

  const shell: Shell = {
    core,
    getWindow: () => (window.isDestroyed() ? null : window),
    // Same page, another hash: the renderer's router follows (only a route built from a checked id gets here).
    navigate: (hash) => {
      if (!window.isDestroyed()) window.loadURL(rendererUrlFor(hash, devServerUrl)).catch(() => undefined)
    },
  }
  await installMenu(shell)

  handleRequest = (request) => {
    if (request.deepLink) shell.navigate(routeHashFor(request.deepLink))
    if (request.files.length > 0) void importAndReport(shell, request.files).catch((error: unknown) => console.error('import:', error))
  }
  for (const request of waiting.splice(0)) handleRequest(request.deepLink === launchLink ? { ...request, deepLink: null } : request)

  bringToFront = () => {
    if (window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }
  app.on('window-all-closed', () => app.quit())

  // Finish pending writes (search index, window place) before the process ends; never wait more than a few seconds.
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    const timeLimit = new Promise((resolve) => setTimeout(resolve, QUIT_TIME_LIMIT_MS).unref())
    void Promise.race([Promise.allSettled([saveState(), core.close()]), timeLimit]).then(() => {
      closed = true
      app.quit()
    })
  })
}

/** Calls to the API come only from the app's own page, in its top frame (or the dev server's, in development). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && isTrustedRendererUrl(frame.url, devServerUrl)
}

/** The app needs no camera, microphone, notifications, geolocation, devices…: every request and check is refused. */
function lockDownSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
}

/** `app://visavis/<path>`: a file of the built renderer, with the CSP header; anything else is a 404. */
async function serveAppFile(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 })
  const file = resolveAppFile(RENDERER_DIR, request.url)
  if (!file) return new Response('Not found', { status: 404 })
  try {
    const body = await readFile(file)
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(file) })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
