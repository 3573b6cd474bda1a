/**
 * The desktop shell's security checklist, checked without an Electron binary: static checks over the sources of
 * main/electron and preload (parsed with the TypeScript compiler, not grepped), and the pure functions the shell
 * relies on (the app protocol's path resolution, the CSP header, the sender check, the external-link filter).
 * docs/security.md maps each checklist item to the test below that covers it.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
import { CONTENT_SECURITY_POLICY } from '../../main/api/content-security-policy'

const ROOT = join(import.meta.dirname, '../..')
const read = (path: string) => readFile(join(ROOT, path), 'utf8')

async function shellSources(): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const dir of ['main/electron', 'preload']) {
    for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue
      const path = relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/')
      files.set(path, await read(path))
    }
  }
  return files
}

function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}

function nodes<T extends ts.Node>(source: ts.Node, test: (node: ts.Node) => node is T): T[] {
  const found: T[] = []
  walk(source, (node) => {
    if (test(node)) found.push(node)
  })
  return found
}

/** Calls of `<anything>.<method>(…)`. */
function methodCalls(source: ts.SourceFile, method: string): ts.CallExpression[] {
  return nodes(source, ts.isCallExpression).filter(
    (call) => ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === method,
  )
}

/** `x.on('<event>', handler)` calls. */
function listeners(source: ts.SourceFile, event: string): ts.CallExpression[] {
  return methodCalls(source, 'on').filter((call) => {
    const first = call.arguments[0]
    return first !== undefined && ts.isStringLiteral(first) && first.text === event
  })
}

function objectProperties(object: ts.ObjectLiteralExpression): Map<string, ts.Expression> {
  const properties = new Map<string, ts.Expression>()
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
      properties.set(property.name.text, property.initializer)
    } else if (ts.isShorthandPropertyAssignment(property)) {
      properties.set(property.name.text, property.name)
    }
  }
  return properties
}

const isTrue = (expression: ts.Expression | undefined) => expression?.kind === ts.SyntaxKind.TrueKeyword
const isFalse = (expression: ts.Expression | undefined) => expression?.kind === ts.SyntaxKind.FalseKeyword
/** A handler whose body calls `event.preventDefault()` unconditionally (an arrow with that call as its body). */
const preventsDefault = (handler: ts.Expression | undefined) =>
  handler !== undefined &&
  ts.isArrowFunction(handler) &&
  ts.isCallExpression(handler.body) &&
  ts.isPropertyAccessExpression(handler.body.expression) &&
  handler.body.expression.name.text === 'preventDefault'

let sources: Map<string, string>
let parsed: Map<string, ts.SourceFile>
const source = (path: string) => {
  const file = parsed.get(path)
  if (!file) throw new Error(`${path} is missing`)
  return file
}

beforeAll(async () => {
  sources = await shellSources()
  parsed = new Map([...sources].map(([path, text]) => [path, parse(path, text)]))
})

describe('BrowserWindow options', () => {
  function windowPreferences(): Map<string, ts.Expression> {
    const constructions = [...parsed.values()].flatMap((file) =>
      nodes(file, ts.isNewExpression).filter((expression) => expression.expression.getText() === 'BrowserWindow'),
    )
    // One place creates windows, so every window has these options.
    expect(constructions).toHaveLength(1)
    const options = constructions[0]!.arguments?.[0]
    expect(options && ts.isObjectLiteralExpression(options)).toBe(true)
    const webPreferences = objectProperties(options as ts.ObjectLiteralExpression).get('webPreferences')
    expect(webPreferences && ts.isObjectLiteralExpression(webPreferences)).toBe(true)
    return objectProperties(webPreferences as ts.ObjectLiteralExpression)
  }

  it('isolates the page: contextIsolation, sandbox, no Node, web security on, no <webview>', () => {
    const preferences = windowPreferences()
    expect(isTrue(preferences.get('contextIsolation'))).toBe(true)
    expect(isTrue(preferences.get('sandbox'))).toBe(true)
    expect(isFalse(preferences.get('nodeIntegration'))).toBe(true)
    expect(isFalse(preferences.get('nodeIntegrationInWorker'))).toBe(true)
    expect(isFalse(preferences.get('nodeIntegrationInSubFrames'))).toBe(true)
    expect(isTrue(preferences.get('webSecurity'))).toBe(true)
    expect(isFalse(preferences.get('allowRunningInsecureContent'))).toBe(true)
    expect(isFalse(preferences.get('experimentalFeatures'))).toBe(true)
    expect(isFalse(preferences.get('webviewTag'))).toBe(true)
    expect(isFalse(preferences.get('navigateOnDragDrop'))).toBe(true)
    for (const risky of ['enableRemoteModule', 'enableBlinkFeatures', 'additionalArguments']) expect(preferences.has(risky)).toBe(false)
  })

  it('sandboxes every renderer, whatever options a window is given', () => {
    expect(methodCalls(source('main/electron/index.ts'), 'enableSandbox')).toHaveLength(1)
  })

  it('never lowers security anywhere in the shell', () => {
    for (const [path, text] of sources) {
      expect(text, path).not.toMatch(/(webSecurity|contextIsolation|sandbox)\s*:\s*false/)
      expect(text, path).not.toMatch(/nodeIntegration\w*\s*:\s*true/)
      expect(text, path).not.toMatch(/\b(executeJavaScript|insertCSS|loadFile)\s*\(|\beval\s*\(|new Function\s*\(/)
      expect(text, path).not.toMatch(/ELECTRON_DISABLE_SECURITY_WARNINGS|allowRunningInsecureContent\s*:\s*true|ignore-certificate-errors/)
    }
  })
})

describe('navigation and new windows', () => {
  it('prevents navigation, frame navigation and <webview> in every web contents', () => {
    const window = source('main/electron/window.ts')
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-attach-webview']) {
      const calls = listeners(window, event)
      expect(calls, event).toHaveLength(1)
      expect(preventsDefault(calls[0]!.arguments[1]), event).toBe(true)
    }
    // Applied to each web contents as it is created, before it loads anything.
    const created = listeners(source('main/electron/index.ts'), 'web-contents-created')
    expect(created).toHaveLength(1)
    expect(created[0]!.arguments[1]!.getText()).toMatch(/secureWebContents\(contents\)/)
  })

  it('denies every new window; only http(s) links leave, for the browser', () => {
    const window = source('main/electron/window.ts')
    const handlers = methodCalls(window, 'setWindowOpenHandler')
    expect(handlers).toHaveLength(1)
    const handler = handlers[0]!.arguments[0]!
    const returns = nodes(handler, ts.isReturnStatement)
    expect(returns.length).toBeGreaterThan(0)
    for (const statement of returns) expect(statement.expression?.getText().replace(/\s/g, '')).toBe("{action:'deny'}")
    // shell.openExternal is called in that handler only, on what externalHttpUrl let through.
    const opens = [...parsed.values()].flatMap((file) => methodCalls(file, 'openExternal'))
    expect(opens).toHaveLength(1)
    expect(handler.getText()).toContain('openExternal')
    expect(handler.getText()).toMatch(/const external = externalHttpUrl\(url\)\s+if \(external\) void shell\.openExternal\(external\)/)
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

  it('keeps developer tools out of packaged builds', () => {
    expect(sources.get('main/electron/menu.ts')).toMatch(/app\.isPackaged \? \[\] : \[[^\]]*toggleDevTools/)
  })
})

describe('permissions', () => {
  it('refuses every permission request and check', () => {
    const index = source('main/electron/index.ts')
    const request = methodCalls(index, 'setPermissionRequestHandler')
    expect(request).toHaveLength(1)
    expect(request[0]!.arguments[0]!.getText().replace(/\s/g, '')).toBe('(_contents,_permission,callback)=>callback(false)')
    for (const method of ['setPermissionCheckHandler', 'setDevicePermissionHandler']) {
      const calls = methodCalls(index, method)
      expect(calls, method).toHaveLength(1)
      expect(calls[0]!.arguments[0]!.getText().replace(/\s/g, ''), method).toBe('()=>false')
    }
  })
})

describe('IPC', () => {
  it('checks the sender of every call before dispatching it', () => {
    const ipc = sources.get('main/electron/ipc.ts')!
    expect(ipc).toMatch(/if \(!isTrustedSender\(event\)\) return \{ ok: false/)
    expect(ipc.indexOf('isTrustedSender(event)')).toBeLessThan(ipc.indexOf('return dispatch(name, args)'))
    const index = sources.get('main/electron/index.ts')!
    expect(index).toMatch(/registerIpc\(createDispatcher\(core\), isTrustedSender\)/)
    expect(index).toMatch(
      /const frame = event\.senderFrame\s+return frame !== null && frame\.parent === null && isTrustedRendererUrl\(frame\.url, devServerUrl\)/,
    )
    // The dev server is trusted only outside a packaged app.
    expect(index).toMatch(/const devServerUrl = app\.isPackaged \? null : \(process\.env\.ELECTRON_RENDERER_URL \?\? null\)/)
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

  it('exposes named methods and onEvent only, never ipcRenderer itself', () => {
    const preload = source('preload/index.ts')
    const exposed = methodCalls(preload, 'exposeInMainWorld')
    expect(exposed).toHaveLength(1)
    const api = exposed[0]!.arguments[1]!
    expect(ts.isObjectLiteralExpression(api)).toBe(true)
    const members = (api as ts.ObjectLiteralExpression).properties.map((property) =>
      ts.isSpreadAssignment(property) ? `...${property.expression.getText()}` : property.name?.getText(),
    )
    expect(members).toEqual(['...methods', 'onEvent'])
    const text = sources.get('preload/index.ts')!
    expect(text).toMatch(/methodNames\.map\(\(name\) => \[name, \(args: unknown\)[^\n]*ipcRenderer\.invoke\(ipcChannelFor\(name\), args\)/)
    expect(text).not.toMatch(/ipcRenderer\.(send|sendSync|sendToHost)\(/)
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/)
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

  it('is registered as a privileged standard scheme and serves through resolveAppFile, never file://', () => {
    const index = sources.get('main/electron/index.ts')!
    expect(index).toMatch(/registerSchemesAsPrivileged\(\[\s*\{ scheme: APP_SCHEME, privileges: \{ standard: true, secure: true/)
    expect(index).toMatch(/protocol\.handle\(APP_SCHEME, serveAppFile\)/)
    expect(index).toMatch(
      /const file = resolveAppFile\(RENDERER_DIR, request\.url\)\s+if \(!file\) return new Response\('Not found', \{ status: 404 \}\)/,
    )
    expect(index).toMatch(/headers: appResponseHeaders\(file\)/)
    expect(index).toMatch(/const RENDERER_DIR = join\(import\.meta\.dirname, '\.\.\/renderer'\)/)
    for (const [path, text] of sources) expect(text, path).not.toMatch(/file:\/\/|pathToFileURL|loadFile\(/)
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
