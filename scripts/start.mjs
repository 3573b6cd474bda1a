#!/usr/bin/env node
// `npm start`: builds the app, then opens the desktop app; where Electron's binary is missing (installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed), opens the browser host instead. `--no-open` (for scripts
// and tests) prints the address without opening a browser. Plain JavaScript: it runs before anything is built.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const projectDir = join(import.meta.dirname, '..')
const openBrowser = !process.argv.includes('--no-open')

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: projectDir, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const missing = missingElectron()
if (missing) {
  console.log(
    `Electron's binary is not installed (${missing}): opening Vis-à-vis in your browser instead. ` +
      'For the desktop app, run: node node_modules/electron/install.js',
  )
  serveInBrowser()
} else {
  const preview = spawn(process.execPath, [electronVite, 'preview'], { cwd: projectDir, stdio: 'inherit' })
  preview.on('exit', (code) => process.exit(code ?? 1))
}

/** Why Electron's binary cannot run here, or null when it can. Read from its files: requiring it would download it. */
function missingElectron() {
  let electronDir
  try {
    electronDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return 'the electron package is not installed'
  }
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return 'its download was skipped or failed'
  if (!existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))) return 'its files are incomplete'
  return null
}

/** Runs `visavis serve` on a free port until interrupted, and opens its address in the system's browser. */
function serveInBrowser() {
  const host = spawn(process.execPath, [join(projectDir, 'bin', 'visavis.js'), 'serve', '--json'], {
    cwd: projectDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  let told = false
  host.stdout.on('data', (chunk) => {
    output += chunk
    const url = /"url": "([^"]+)"/.exec(output)?.[1]
    if (!url || told) return
    told = true
    console.log(`Vis-à-vis is served at ${url}\nPress Ctrl+C to stop.`)
    if (openBrowser) openInBrowser(url)
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal))
  host.on('exit', (code) => process.exit(code ?? 0))
}

function openInBrowser(url) {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]]
  const opener = spawn(command, args, { stdio: 'ignore', detached: true })
  opener.on('error', () => console.log(`Open ${url} in your browser.`))
  opener.unref()
}
