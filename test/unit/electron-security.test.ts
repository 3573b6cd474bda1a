/**
 * The desktop shell's security checklist, checked without an Electron binary: the main process and the preload run
 * under Node with a stand-in for the `electron` module (test/support/electron-stand-in.ts), once as a packaged app and
 * once in development, and what they do is checked: the options windows get, what their web contents do with
 * navigation, new windows and permission requests, which IPC senders are answered, the app protocol's answers and
 * headers, what the preload exposes; then the pure functions behind them (the external-link filter, the trusted
 * origins, the protocol's path resolution, the CSP). docs/security.md maps each checklist item to the test covering it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { CONTENT_SECURITY_POLICY } from '../../main/api/content-security-policy'
import { methodNames } from '../../main/api/contract'
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  appResponseHeaders,
  contentTypeFor,
  externalHttpUrl,
  isTrustedRendererUrl,
  rendererUrlFor,
  resolveAppFile,
} from '../../main/electron/app-protocol'
import type { electronStandIn } from '../support/electron-stand-in'

const ROOT = join(import.meta.dirname, '../..')
const read = (path: string) => readFile(join(ROOT, path), 'utf8')
const DEV_SERVER = 'http://localhost:5173'

vi.mock('node:fs/promises', async (importOriginal) =>
  (await import('../support/electron-stand-in')).withRendererBytes(await importOriginal<typeof import('node:fs/promises')>()),
)
vi.mock('electron', async () => (await import('../support/electron-stand-in')).electronStandIn())

type Electron = ReturnType<typeof electronStandIn>
type WebContents = InstanceType<Electron['__test']['FakeWebContents']>
interface MenuItem {
  role?: string
  submenu?: MenuItem[]
}

const userDataDirs: string[] = []

/**
 * Starts the shell's main process afresh, packaged or not, with a dev server address in its environment. The stand-in
 * module stays the same across starts: what the previous start recorded is cleared first.
 */
async function startShell({ isPackaged }: { isPackaged: boolean }): Promise<Electron> {
  vi.resetModules()
  vi.clearAllMocks()
  const electron = (await import('electron')) as unknown as Electron
  Object.assign(electron.app, { isPackaged })
  const { state, menus, FakeBrowserWindow } = electron.__test
  for (const list of [state.calls, menus, FakeBrowserWindow.instances]) list.length = 0
  state.userData = await mkdtemp(join(tmpdir(), 'visavis-electron-security-'))
  userDataDirs.push(state.userData)
  vi.stubEnv('ELECTRON_RENDERER_URL', DEV_SERVER)
  Object.assign(process, { resourcesPath: join(state.userData, 'resources') })
  await import('../../main/electron/index')
  await vi.waitFor(() => expect(electron.Menu.setApplicationMenu).toHaveBeenCalled(), { timeout: 10_000 })
  vi.unstubAllEnvs()
  return electron
}

const firstHandler = <T>(mock: unknown) => (mock as { mock: { calls: unknown[][] } }).mock.calls[0]![0] as T
const windowOf = (electron: Electron) => electron.__test.FakeBrowserWindow.instances[0]!
const roles = (items: MenuItem[]): string[] => items.flatMap((item) => [item.role ?? '', ...roles(item.submenu ?? [])])
const webContentsHandler = (contents: WebContents) => contents.windowOpenHandler!

/** A web contents as Electron announces it (a window, a devtools page, a <webview> that slipped in). */
/** What the shell's IPC handler answers a call of listArticles from that frame. */
function answer(electron: Electron, senderFrame: unknown) {
  const handler = vi.mocked(electron.ipcMain.handle).mock.calls.find(([channel]) => channel === 'visavis:listArticles')![1]
  return handler({ senderFrame } as never, {})
}

function newWebContents(electron: Electron): WebContents {
  const contents = new electron.__test.FakeWebContents()
  electron.app.emit('web-contents-created', {}, contents)
  return contents
}

function prevented(contents: WebContents, event: string, url: string): boolean {
  const preventDefault = vi.fn()
  contents.emit(event, { preventDefault, url }, ...(event === 'will-attach-webview' ? [{}, { src: url }] : []))
  return preventDefault.mock.calls.length > 0
}

let packaged: Electron
afterAll(async () => {
  await Promise.all(userDataDirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('a packaged app', () => {
  beforeAll(async () => {
    packaged = await startShell({ isPackaged: true })
  })

  it('isolates the page: contextIsolation, sandbox, no Node, web security on, no <webview>', () => {
    const preferences = windowOf(packaged).options.webPreferences as Record<string, unknown>
    expect(preferences).toMatchObject({
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
    })
    for (const risky of ['enableRemoteModule', 'enableBlinkFeatures', 'additionalArguments']) expect(preferences).not.toHaveProperty(risky)
  })

  it('sandboxes every renderer before the app is ready, whatever options a window is given', () => {
    const { calls } = packaged.__test.state
    expect(calls.filter((call) => call === 'enableSandbox')).toHaveLength(1)
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('whenReady'))
  })

  it('loads the app origin only, never a file nor the dev server, and runs nothing in the page', () => {
    const window = windowOf(packaged)
    expect(window.loaded.length).toBeGreaterThan(0)
    expect(window.loaded.every((url) => url.startsWith('app://visavis/'))).toBe(true)
    expect(window.loadFile).not.toHaveBeenCalled()
    expect(window.webContents.executeJavaScript).not.toHaveBeenCalled()
    expect(window.webContents.insertCSS).not.toHaveBeenCalled()
    expect(packaged.app.commandLine.appendSwitch).not.toHaveBeenCalled()
    expect(process.env.ELECTRON_DISABLE_SECURITY_WARNINGS).toBeUndefined()
  })

  it('has no developer tools in its menus', () => {
    expect(roles(packaged.__test.menus.at(-1) as MenuItem[])).not.toContain('toggleDevTools')
  })
})

describe('navigation and new windows', () => {
  it('prevents navigation, frame navigation and <webview> in every web contents, from its creation', () => {
    for (const contents of [windowOf(packaged).webContents, newWebContents(packaged)]) {
      for (const url of ['https://evil.example/', 'file:///home/reader/dropped.html', 'app://visavis/index.html#/settings']) {
        for (const event of ['will-navigate', 'will-frame-navigate', 'will-attach-webview']) {
          expect(prevented(contents, event, url), `${event} ${url}`).toBe(true)
        }
      }
    }
  })

  it('denies every new window; hands only http(s) links to the browser, as the filter rewrote them', () => {
    const contents = newWebContents(packaged)
    const openExternal = vi.mocked(packaged.shell.openExternal)
    openExternal.mockClear()
    expect(webContentsHandler(contents)({ url: 'http://example.org' })).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual([['http://example.org/']])
    openExternal.mockClear()
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'app://visavis/index.html',
      'not a url',
    ]) {
      expect(webContentsHandler(contents)({ url }), url).toEqual({ action: 'deny' })
    }
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('lets only http(s) addresses out', () => {
    expect(externalHttpUrl('https://www.lemonde.fr/article.html')).toBe('https://www.lemonde.fr/article.html')
    expect(externalHttpUrl('http://example.org')).toBe('http://example.org/')
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'visavis://article/0123456789abcdef',
      'app://visavis/index.html',
      'smb://host/share',
      'ms-msdt:/id',
      'data:text/html,<script>',
      'not a url',
      '',
    ]) {
      expect(externalHttpUrl(url), url).toBeNull()
    }
  })
})

describe('permissions', () => {
  it('refuses every permission request, check and device', () => {
    const session = packaged.session.defaultSession
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn()
      firstHandler<(...args: unknown[]) => void>(session.setPermissionRequestHandler)({}, permission, callback, {})
      expect(callback, permission).toHaveBeenCalledWith(false)
      expect(firstHandler<(...args: unknown[]) => boolean>(session.setPermissionCheckHandler)({}, permission, 'app://visavis', {})).toBe(
        false,
      )
    }
    for (const deviceType of ['usb', 'serial', 'hid'])
      expect(firstHandler<(...args: unknown[]) => boolean>(session.setDevicePermissionHandler)({ deviceType })).toBe(false)
  })
})

describe('IPC', () => {
  it('answers the app page, refuses any other sender before dispatching', async () => {
    expect(await answer(packaged, { url: 'app://visavis/index.html#/settings', parent: null })).toEqual({ ok: true, result: [] })
    for (const frame of [
      null,
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/page.html', parent: null },
      { url: 'app://visavis/index.html', parent: { url: 'app://visavis/index.html' } },
    ]) {
      expect(await answer(packaged, frame), JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
  })

  it('refuses the dev server in a packaged app, even with its address in the environment', async () => {
    expect(await answer(packaged, { url: `${DEV_SERVER}/#/settings`, parent: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
  })

  it('trusts the app origin, and the dev server only when given', () => {
    expect(isTrustedRendererUrl('app://visavis/index.html#/article/0123456789abcdef/p3', null)).toBe(true)
    expect(isTrustedRendererUrl('app://VISAVIS/index.html', null)).toBe(true)
    expect(isTrustedRendererUrl('app://other/index.html', null)).toBe(false)
    expect(isTrustedRendererUrl('app://visavis.evil.com/index.html', null)).toBe(false)
    expect(isTrustedRendererUrl('app://user@visavis/index.html', null)).toBe(false)
    expect(isTrustedRendererUrl('app://visavis:8080/index.html', null)).toBe(false)
    expect(isTrustedRendererUrl('file:///opt/visavis/out/renderer/index.html', null)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/', null)).toBe(false)
    expect(isTrustedRendererUrl('https://example.org/', null)).toBe(false)
    expect(isTrustedRendererUrl('about:blank', null)).toBe(false)
    expect(isTrustedRendererUrl('', null)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/#/settings', 'http://localhost:5173')).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isTrustedRendererUrl('http://localhost.evil.com:5173/', 'http://localhost:5173')).toBe(false)
  })

  it('exposes named methods and onEvent only, each an invoke of its own channel, never ipcRenderer itself', async () => {
    vi.resetModules()
    const electron = (await import('electron')) as unknown as Electron
    await import('../../preload/index')
    const exposeInMainWorld = vi.mocked(electron.contextBridge.exposeInMainWorld)
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1)
    const [name, api] = exposeInMainWorld.mock.calls[0]! as [string, Record<string, (args?: unknown) => unknown>]
    expect(name).toBe('visavis')
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onEvent'].sort())
    expect(Object.values(api).every((member) => typeof member === 'function')).toBe(true)
    await api.listArticles!({ tag: 'x' })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('visavis:listArticles', { tag: 'x' })
    const stop = api.onEvent!(() => undefined) as () => void
    stop()
    for (const unsafe of ['send', 'sendSync', 'sendToHost'] as const) expect(electron.ipcRenderer[unsafe]).not.toHaveBeenCalled()
  })
})

describe('the app protocol, as the shell registers it', () => {
  const serve = (electron: Electron) => {
    const [scheme, handler] = vi.mocked(electron.protocol.handle).mock.calls[0]!
    expect(scheme).toBe(APP_SCHEME)
    return handler as (request: Request) => Promise<Response>
  }

  it('is a privileged standard, secure scheme registered before ready', () => {
    expect(packaged.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ])
    const { calls } = packaged.__test.state
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'))
  })

  it('sends the Content-Security-Policy and nosniff headers with every file, and 404 outside the renderer', async () => {
    for (const url of ['app://visavis/index.html', 'app://visavis/assets/index-abc.js']) {
      const response = await serve(packaged)(new Request(url))
      expect(response.status, url).toBe(200)
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY)
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff')
    }
    for (const url of [
      'app://visavis/..%2f..%2fpackage.json',
      'app://visavis/assets/..%2f..%2f..%2fpackage.json',
      'app://other/index.html',
    ]) {
      expect((await serve(packaged)(new Request(url))).status, url).toBe(404)
    }
  })
})

// Last of the shell's starts: it clears what the packaged app's start recorded.
describe('in development', () => {
  let development: Electron
  beforeAll(async () => {
    development = await startShell({ isPackaged: false })
  })

  it('loads the dev server, and has developer tools in its menus', () => {
    expect(windowOf(development).loaded).toEqual([DEV_SERVER])
    expect(roles(development.__test.menus.at(-1) as MenuItem[])).toContain('toggleDevTools')
  })

  it('answers the dev server page, still not a frame inside it', async () => {
    expect(await answer(development, { url: `${DEV_SERVER}/#/settings`, parent: null })).toEqual({ ok: true, result: [] })
    expect(await answer(development, { url: `${DEV_SERVER}/`, parent: { url: `${DEV_SERVER}/` } })).toMatchObject({ ok: false })
  })
})

describe('the app protocol', () => {
  let root: string
  let outside: string

  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), 'visavis-protocol-'))
    root = join(base, 'renderer')
    outside = join(base, 'secret.txt')
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'index.html'), '<!doctype html>')
    await writeFile(join(root, 'assets', 'index-abc.js'), 'export {}')
    await writeFile(outside, 'secret')
  })

  afterAll(async () => {
    await rm(join(root, '..'), { recursive: true, force: true })
  })

  it('serves the files of the built renderer', () => {
    expect(resolveAppFile(root, 'app://visavis/index.html')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://visavis/')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://visavis')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://visavis/index.html#/article/0123456789abcdef/p3')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://visavis/index.html?x=1')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://visavis/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveAppFile(root, 'app://visavis/assets/name%20with%20space.js')).toBe(join(root, 'assets', 'name with space.js'))
  })

  it('refuses every way out of the folder, and other hosts and schemes', () => {
    const attempts = [
      'app://visavis/../secret.txt',
      'app://visavis/..%2fsecret.txt',
      'app://visavis/..%2Fsecret.txt',
      'app://visavis/%2e%2e/secret.txt',
      'app://visavis/%2e%2e%2fsecret.txt',
      'app://visavis/assets/..%2f..%2fsecret.txt',
      'app://visavis/..%5csecret.txt',
      'app://visavis/..\\secret.txt',
      'app://visavis/%2fetc%2fpasswd',
      `app://visavis/${encodeURIComponent(outside)}`,
      'app://visavis/C:%5cWindows%5cwin.ini',
      'app://visavis/index.html%00.js',
      'app://visavis/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'http://visavis/index.html',
      'not a url',
    ]
    for (const url of attempts) {
      const file = resolveAppFile(root, url)
      if (file !== null) {
        // URL parsing may fold `..` away: then it must land inside the renderer folder, never outside.
        expect(relative(root, file).startsWith('..'), `${url} → ${file}`).toBe(false)
        expect(file, url).not.toBe(outside)
      }
    }
    expect(resolveAppFile(root, 'app://visavis/..%2fsecret.txt')).toBeNull()
    expect(resolveAppFile(root, 'app://visavis/assets/..%2f..%2fsecret.txt')).toBeNull()
    expect(resolveAppFile(root, `app://visavis/${encodeURIComponent(outside)}`)).not.toBe(outside)
    expect(resolveAppFile(root, 'app://visavis/..%5csecret.txt')).toBeNull()
    expect(resolveAppFile(root, 'app://visavis/index.html%00.js')).toBeNull()
    expect(resolveAppFile(root, 'app://visavis/%E0%A4%A')).toBeNull()
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull()
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull()
  })

  it('gives the renderer’s address for a route, on the app origin or the dev server', () => {
    expect(APP_SCHEME).toBe('app')
    expect(rendererUrlFor('', null)).toBe(APP_ENTRY_URL)
    expect(rendererUrlFor('#/settings', null)).toBe('app://visavis/index.html#/settings')
    expect(rendererUrlFor('#/notes', 'http://localhost:5173/')).toBe('http://localhost:5173/#/notes')
  })

  it('serves scripts with a JavaScript type, and nothing is sniffed', () => {
    expect(contentTypeFor('index-abc.js')).toMatch(/^text\/javascript/)
    expect(contentTypeFor('index.HTML')).toMatch(/^text\/html/)
    expect(contentTypeFor('style.css')).toMatch(/^text\/css/)
    expect(contentTypeFor('icon.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('model.wasm')).toBe('application/wasm')
    expect(contentTypeFor('unknown.bin')).toBe('application/octet-stream')
    expect(appResponseHeaders('index.html')['X-Content-Type-Options']).toBe('nosniff')
  })
})

describe('Content-Security-Policy', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => [part.split(/\s+/)[0]!, part] as const),
    )

  it('sends the renderer page’s policy as a header, plus frame-ancestors', async () => {
    const html = await read('renderer/index.html')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta).not.toBeNull()
    const header = directives(CONTENT_SECURITY_POLICY)
    for (const [name, directive] of directives(meta![1]!)) expect(header.get(name), name).toBe(directive)
    expect(header.get('frame-ancestors')).toBe("frame-ancestors 'none'")
    expect(appResponseHeaders('index.html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it('allows no inline or evaluated script, no plugins, no base or form targets', () => {
    const header = directives(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:|https:/)
    expect(header.get('default-src')).toBe("default-src 'self'")
    expect(header.get('script-src')).toBe("script-src 'self'")
    expect(header.get('object-src')).toBe("object-src 'none'")
    expect(header.get('base-uri')).toBe("base-uri 'none'")
    expect(header.get('form-action')).toBe("form-action 'none'")
  })
})

describe('docs/security.md', () => {
  it('has a row for each checklist item, and explains each accepted Electronegativity finding', async () => {
    const doc = await read('docs/security.md')
    for (const item of [
      'contextIsolation',
      'sandbox',
      'nodeIntegration',
      'webSecurity',
      'Content-Security-Policy',
      'will-navigate',
      'setWindowOpenHandler',
      'openExternal',
      'IPC sender',
      'custom protocol',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'webviewTag',
      'will-attach-webview',
      'RunAsNode',
      'EnableNodeOptionsEnvironmentVariable',
      'EnableNodeCliInspectArguments',
      'EnableEmbeddedAsarIntegrityValidation',
      'OnlyLoadAppFromAsar',
      'EnableCookieEncryption',
    ]) {
      expect(doc, item).toContain(item)
    }
    const script = await read('scripts/lint-electron.ts')
    const accepted = [...script.matchAll(/^\s+'([A-Z_]+) ([\w./-]+)':/gm)].map((match) => [match[1]!, match[2]!] as const)
    expect(accepted.length).toBeGreaterThan(0)
    for (const [check, file] of accepted) {
      expect(doc, check).toContain(check)
      expect(doc, file).toContain(file)
    }
    expect(await read('package.json')).toMatch(/"lint:electron": "tsx scripts\/lint-electron\.ts"/)
  })
})
