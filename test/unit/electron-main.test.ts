/**
 * The desktop shell's main process, run under Node with a stand-in for the `electron` module (no Electron binary can
 * be installed here). It checks the wiring against Electron 45's API as documented, not Electron itself: what is
 * registered before `ready`, the app protocol's answers, the IPC sender check in front of a real core, permission
 * and navigation handlers, deep links, the menu's actions with native dialogs, the window state file, and the quit.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import packageJson from '../../package.json'

const ID = '0123456789abcdef'
const RENDERER_DIR = join(import.meta.dirname, '../../main/renderer')

/** The renderer is not built into main/renderer (the path the source resolves to): serve stand-in bytes from there. */
vi.mock('node:fs/promises', async (importOriginal) =>
  (await import('../support/electron-stand-in')).withRendererBytes(await importOriginal<typeof import('node:fs/promises')>()),
)
vi.mock('electron', async () => (await import('../support/electron-stand-in')).electronStandIn())

interface MenuItem {
  label?: string
  role?: string
  type?: string
  checked?: boolean
  accelerator?: string
  submenu?: MenuItem[]
  click?: (item: MenuItem) => void
}

type Mocked = typeof import('electron') & {
  __test: {
    state: { userData: string; calls: string[] }
    menus: MenuItem[][]
    FakeBrowserWindow: {
      instances: {
        options: Record<string, unknown>
        loaded: string[]
        progress: number[]
        webContents: { windowOpenHandler: (details: { url: string }) => unknown; emit: (event: string, ...args: unknown[]) => boolean }
        emit: (event: string, ...args: unknown[]) => boolean
      }[]
    }
  }
}

let electron: Mocked
let userData: string
let argvBefore: string[]

const windows = () => electron.__test.FakeBrowserWindow.instances
const mainWindow = () => windows()[0]!
const lastMenu = () => electron.__test.menus.at(-1)!
const find = (items: MenuItem[], label: string) => {
  const item = items.find((entry) => entry.label === label)
  if (!item) throw new Error(`no menu item "${label}" in ${items.map((entry) => entry.label ?? entry.role).join(', ')}`)
  return item
}
const handlerOf = <T>(mock: unknown) => (mock as { mock: { calls: unknown[][] } }).mock.calls[0]![0] as T

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'visavis-electron-main-'))
  electron = (await import('electron')) as unknown as Mocked
  electron.__test.state.userData = userData
  argvBefore = process.argv
  // Launched by a deep link (Windows and Linux pass it on the command line).
  process.argv = [process.argv[0]!, '--no-sandbox', `visavis://article/${ID}#p4`]
  await import('../../main/electron/index')
  await vi.waitFor(() => expect(electron.Menu.setApplicationMenu).toHaveBeenCalled(), { timeout: 10_000 })
})

afterAll(async () => {
  process.argv = argvBefore
  await rm(userData, { recursive: true, force: true })
})

/** How long a step may take on a loaded 2-core machine: a limit to wait within, not a speed asserted. */
const UNDER_LOAD = { timeout: 10_000 }

describe('the main process (electron stood in for)', () => {
  it('registers the app scheme, the sandbox and the user-data folder before ready', () => {
    const { calls } = electron.__test.state
    for (const call of ['registerSchemesAsPrivileged', 'enableSandbox', 'setPath'])
      expect(calls.indexOf(call)).toBeLessThan(calls.indexOf('whenReady'))
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ])
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled()
    // A development run does not register the Electron binary as the visavis:// handler.
    expect(electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled()
    expect(electron.app.exit).not.toHaveBeenCalled()
  })

  it('serves the built renderer on app://visavis with the CSP header, and nothing else', async () => {
    expect(vi.mocked(electron.protocol.handle).mock.calls[0]![0]).toBe('app')
    const serve = vi.mocked(electron.protocol.handle).mock.calls[0]![1] as (request: Request) => Promise<Response>
    const page = await serve(new Request('app://visavis/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';.*frame-ancestors 'none'/)
    expect(await page.text()).toBe(`contents of ${join(RENDERER_DIR, 'index.html')}`)
    const script = await serve(new Request('app://visavis/assets/index-abc.js'))
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    for (const url of [
      'app://visavis/..%2f..%2fpackage.json',
      'app://visavis/assets/..%2f..%2f..%2fpackage.json',
      'app://other/index.html',
    ]) {
      expect((await serve(new Request(url))).status, url).toBe(404)
    }
    expect((await serve(new Request('app://visavis/assets/missing.js'))).status).toBe(404)
    expect((await serve(new Request('app://visavis/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })

  it('opens one sandboxed window, at the deep link it was launched with', () => {
    expect(windows()).toHaveLength(1)
    const preferences = mainWindow().options.webPreferences as Record<string, unknown>
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    })
    expect(String(preferences.preload)).toMatch(/preload[\\/]index\.cjs$/)
    expect(mainWindow().loaded[0]).toBe(`app://visavis/index.html#/article/${ID}/p4`)
    expect(mainWindow().options).toMatchObject({ width: 1280, height: 800, center: true })
  })

  it('answers API calls from the app page only', async () => {
    const handlers = new Map(
      vi.mocked(electron.ipcMain.handle).mock.calls.map(([channel, handler]) => [channel, handler as (...args: unknown[]) => unknown]),
    )
    expect(handlers.has('visavis:listArticles')).toBe(true)
    const call = (senderFrame: unknown) => handlers.get('visavis:listArticles')!({ senderFrame }, {})
    expect(await call({ url: `app://visavis/index.html#/article/${ID}`, parent: null })).toEqual({ ok: true, result: [] })
    for (const frame of [
      null,
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/page.html', parent: null },
      { url: 'http://localhost:5173/', parent: null },
      { url: 'app://visavis/index.html', parent: { url: 'app://visavis/index.html' } },
    ]) {
      expect(await call(frame), JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
  })

  it('refuses every permission', () => {
    const ses = electron.session.defaultSession
    const callback = vi.fn()
    handlerOf<(...args: unknown[]) => void>(ses.setPermissionRequestHandler)({}, 'media', callback, {})
    expect(callback).toHaveBeenCalledWith(false)
    expect(handlerOf<(...args: unknown[]) => boolean>(ses.setPermissionCheckHandler)({}, 'clipboard-read', 'app://visavis', {})).toBe(false)
    expect(handlerOf<(...args: unknown[]) => boolean>(ses.setDevicePermissionHandler)({ deviceType: 'usb' })).toBe(false)
  })

  it('never navigates away, and sends only clicked http(s) links to the browser', () => {
    const contents = mainWindow().webContents
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      contents.emit(event, { preventDefault, url: 'file:///home/reader/dropped.html' })
      expect(preventDefault, event).toHaveBeenCalled()
    }
    expect(contents.windowOpenHandler({ url: 'https://www.lemonde.fr/a.html' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.lemonde.fr/a.html')
    vi.mocked(electron.shell.openExternal).mockClear()
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://visavis/index.html']) {
      expect(contents.windowOpenHandler({ url })).toEqual({ action: 'deny' })
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
  })

  it('forwards core events to the window', async () => {
    const before = (mainWindow().webContents as unknown as { sent: unknown[] }).sent.length
    const update = new Map(vi.mocked(electron.ipcMain.handle).mock.calls.map(([channel, handler]) => [channel, handler])).get(
      'visavis:updateSettings',
    )!
    await update({ senderFrame: { url: 'app://visavis/index.html', parent: null } } as never, { patch: { reading: { fontSize: 20 } } })
    const sent = (mainWindow().webContents as unknown as { sent: [string, { type: string }][] }).sent.slice(before)
    expect(sent).toContainEqual(['visavis:event', expect.objectContaining({ type: 'settings.changed' })])
  })

  it('follows a deep link from a second instance', async () => {
    electron.app.emit('second-instance', {}, ['/opt/visavis/visavis', `visavis://article/${ID}#p9`], '/home/reader', {})
    expect(mainWindow().loaded.at(-1)).toBe(`app://visavis/index.html#/article/${ID}/p9`)
    electron.app.emit('second-instance', {}, ['/opt/visavis/visavis', 'visavis://article/nope'], '/home/reader', {})
    expect(mainWindow().loaded.at(-1)).toBe(`app://visavis/index.html#/article/${ID}/p9`)
    const event = { preventDefault: vi.fn() }
    electron.app.emit('open-url', event, `visavis://article/${ID}`)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(mainWindow().loaded.at(-1)).toBe(`app://visavis/index.html#/article/${ID}`)
  })

  it('has the File, Edit, View and Help menus', () => {
    const menu = lastMenu()
    expect(menu.map((item) => item.label ?? item.role)).toEqual(
      process.platform === 'darwin'
        ? ['Vis-à-vis', '&File', 'editMenu', '&View', 'windowMenu', '&Help']
        : ['&File', 'editMenu', '&View', '&Help'],
    )
    const file = find(menu, '&File').submenu!
    expect(find(file, 'Import Files…').accelerator).toBe('CmdOrCtrl+O')
    find(file, 'Import Folder…')
    expect(find(file, 'Export Notes').submenu!.map((item) => item.label)).toEqual([
      'Markdown (Obsidian)…',
      'JSON (W3C Web Annotations)…',
      'CSV (spreadsheet)…',
      'Anki (tab-separated cards)…',
    ])
    const view = find(menu, '&View').submenu!
    expect(find(view, 'Layout').submenu!.map((item) => [item.label, item.type, item.checked])).toEqual([
      ['Side by Side', 'radio', true],
      ['Interleaved', 'radio', false],
      ['Original Only', 'radio', false],
      ['Translation Only', 'radio', false],
    ])
    expect(
      find(view, 'Theme')
        .submenu!.filter((item) => item.checked)
        .map((item) => item.label),
    ).toEqual(['System'])
    expect(view.map((item) => item.role).filter(Boolean)).toEqual(
      expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    )
    const help = find(menu, '&Help').submenu!
    find(help, 'Keyboard Shortcuts')
    find(help, 'About Vis-à-vis')
  })

  it('shows the version in About, and the shortcuts', async () => {
    find(find(lastMenu(), '&Help').submenu!, 'About Vis-à-vis').click!({})
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled(), UNDER_LOAD)
    const [, about] = vi.mocked(electron.dialog.showMessageBox).mock.calls.at(-1)! as unknown as [
      unknown,
      { message: string; detail: string },
    ]
    expect(about.message).toBe(`Vis-à-vis ${packageJson.version}`)
    expect(about.detail).toContain(`Version ${packageJson.version}`)
    find(find(lastMenu(), '&Help').submenu!, 'Keyboard Shortcuts').click!({})
    await vi.waitFor(() => expect(vi.mocked(electron.dialog.showMessageBox).mock.calls.length).toBe(2), UNDER_LOAD)
    const [, shortcuts] = vi.mocked(electron.dialog.showMessageBox).mock.calls.at(-1)! as unknown as [unknown, { detail: string }]
    expect(shortcuts.detail).toContain('Next paragraph')
  })

  it('changes the theme and layout from the View menu, and keeps the radio items true', async () => {
    const view = find(lastMenu(), '&View').submenu!
    find(find(view, 'Theme').submenu!, 'Dark').click!({})
    await vi.waitFor(() => expect(find(find(find(lastMenu(), '&View').submenu!, 'Theme').submenu!, 'Dark').checked).toBe(true), UNDER_LOAD)
    find(find(find(lastMenu(), '&View').submenu!, 'Layout').submenu!, 'Interleaved').click!({})
    await vi.waitFor(
      () => expect(find(find(find(lastMenu(), '&View').submenu!, 'Layout').submenu!, 'Interleaved').checked).toBe(true),
      UNDER_LOAD,
    )
    const settings = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8')) as { theme: string; reading: { layout: string } }
    expect(settings.theme).toBe('dark')
    expect(settings.reading.layout).toBe('interleaved')
  })

  it('imports the files chosen in the open dialog, then opens the article', async () => {
    const path = join(userData, 'article.txt')
    await writeFile(path, 'Un article importé\n\nLe gouvernement a présenté mercredi un projet de loi sur la rénovation des logements.\n')
    vi.mocked(electron.dialog.showOpenDialog).mockResolvedValueOnce({ canceled: false, filePaths: [path] })
    const loads = mainWindow().loaded.length
    find(find(lastMenu(), '&File').submenu!, 'Import Files…').click!({})
    // The first import starts the thread that reads files: seconds on a loaded machine.
    await vi.waitFor(() => expect(mainWindow().loaded.length).toBe(loads + 1), { timeout: 20_000 })
    const listArticles = new Map(vi.mocked(electron.ipcMain.handle).mock.calls.map(([channel, handler]) => [channel, handler])).get(
      'visavis:listArticles',
    )!
    const listed = (await listArticles({ senderFrame: { url: 'app://visavis/index.html', parent: null } } as never, {})) as {
      result: { id: string; title: string }[]
    }
    const article = listed.result[0]
    expect(article?.title).toBe('Un article importé')
    expect(mainWindow().loaded.at(-1)).toBe(`app://visavis/index.html#/article/${article!.id}`)
    const [, options] = vi.mocked(electron.dialog.showOpenDialog).mock.calls.at(-1)! as unknown as [
      unknown,
      { properties: string[]; filters: { extensions: string[] }[] },
    ]
    expect(options.properties).toEqual(['openFile', 'multiSelections'])
    expect(options.filters[0]!.extensions).toEqual(expect.arrayContaining(['html', 'txt', 'md']))
    expect(mainWindow().progress.at(-1)).toBe(-1)
  })

  it('exports the notes where the save dialog says', async () => {
    const target = join(userData, 'exported.md')
    vi.mocked(electron.dialog.showSaveDialog).mockResolvedValueOnce({ canceled: false, filePath: target })
    find(find(find(lastMenu(), '&File').submenu!, 'Export Notes').submenu!, 'Markdown (Obsidian)…').click!({})
    await vi.waitFor(async () => expect(await readFile(target, 'utf8').catch(() => null)).not.toBeNull(), UNDER_LOAD)
    const [, options] = vi.mocked(electron.dialog.showSaveDialog).mock.calls.at(-1)! as unknown as [
      unknown,
      { defaultPath: string; filters: unknown[] },
    ]
    expect(options.defaultPath.startsWith(join(userData, 'Documents'))).toBe(true)
    expect(options.filters).toEqual([{ name: 'Markdown (Obsidian)', extensions: ['md'] }])
  })

  it('remembers the window’s place, and finishes writing before it quits', async () => {
    mainWindow().emit('close', {})
    await vi.waitFor(
      async () =>
        expect(JSON.parse(await readFile(join(userData, 'window-state.json'), 'utf8'))).toEqual({
          x: 10,
          y: 20,
          width: 1111,
          height: 777,
          maximized: false,
        }),
      UNDER_LOAD,
    )
    const event = { preventDefault: vi.fn() }
    electron.app.emit('will-quit', event)
    expect(event.preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), UNDER_LOAD)
    const again = { preventDefault: vi.fn() }
    electron.app.emit('will-quit', again)
    expect(again.preventDefault).not.toHaveBeenCalled()
  })
})
