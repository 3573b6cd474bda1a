/**
 * electron-builder.yml, read by electron-builder's own loader and validated against its own schema (packages cannot
 * be built here: that needs Electron's binaries from the internet), then checked item by item: targets, icons on
 * disk at the declared paths and sizes, the visavis protocol, the .html association, what goes in the app and what
 * stays out (with electron-builder's own file matcher), the Bergamot files unpacked from the asar, the fuses.
 */
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { DEEP_LINK_SCHEME } from '../../main/electron/deep-link'

type ConfigModule = typeof import('app-builder-lib/out/util/config/config')
type MatcherModule = typeof import('app-builder-lib/out/fileMatcher')
type Configuration = Awaited<ReturnType<ConfigModule['getConfig']>>

const ROOT = join(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as ConfigModule
const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as MatcherModule

const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

let config: Configuration

beforeAll(async () => {
  config = await getConfig(ROOT, null, null)
})

/** A PNG's width and height, from its IHDR chunk. */
async function pngSize(path: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(path)
  expect(bytes.subarray(0, 8).toString('hex'), path).toBe('89504e470d0a1a0a')
  expect(bytes.subarray(12, 16).toString('latin1'), path).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** The target names of a platform's `target` option, whatever form it takes. */
function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : target == null ? [] : [target]
  return list.map((entry) => (typeof entry === 'string' ? entry : (entry as { target: string }).target).toLowerCase())
}

/** electron-builder's own matching of `patterns` against a project-relative file path. */
function matches(patterns: string[], file: string): boolean {
  const filter = new FileMatcher(ROOT, '/app', (pattern) => pattern, patterns).createFilter()
  return filter(join(ROOT, file), { isDirectory: () => false } as never)
}

function filePatterns(): string[] {
  return (config.files as ({ filter?: string[] } | string)[]).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : (entry.filter ?? []),
  )
}

describe('electron-builder.yml', () => {
  it('is the configuration electron-builder loads, and its schema accepts it', async () => {
    expect(existsSync(join(ROOT, 'electron-builder.yml'))).toBe(true)
    const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { build?: unknown; productName: string }
    expect(packageJson.build).toBeUndefined()
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined } as never)).resolves.toBeUndefined()
    expect(config.appId).toBe('org.visavis.reader')
    expect(config.productName).toBe('Vis-à-vis')
    expect(config.productName).toBe(packageJson.productName)
  })

  it('builds an NSIS installer, a DMG, an AppImage and a .deb', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis'])
    expect(targetNames(config.mac?.target)).toEqual(['dmg'])
    expect(targetNames(config.linux?.target).sort()).toEqual(['appimage', 'deb'])
  })

  it('has every icon it declares: a 1024 px PNG for .ico/.icns, and Linux sizes 16…1024', async () => {
    for (const icon of [config.win?.icon, config.mac?.icon]) {
      expect(icon).toBe('resources/icon.png')
      expect(await pngSize(join(ROOT, icon!))).toEqual({ width: 1024, height: 1024 })
    }
    expect(config.linux?.icon).toBe('resources/icons')
    for (const size of ICON_SIZES) {
      expect(await pngSize(join(ROOT, 'resources/icons', `${size}x${size}.png`))).toEqual({ width: size, height: size })
    }
    expect(config.directories?.buildResources).toBe('resources')
    for (const resource of config.extraResources as { from: string }[])
      expect(existsSync(join(ROOT, resource.from)), resource.from).toBe(true)
  })

  it('registers the visavis:// protocol the app handles', () => {
    const protocols = Array.isArray(config.protocols) ? config.protocols : [config.protocols!]
    expect(protocols.flatMap((protocol) => protocol.schemes)).toEqual([DEEP_LINK_SCHEME])
  })

  it('offers to open .html files, without claiming to be their default', () => {
    const associations = Array.isArray(config.fileAssociations) ? config.fileAssociations : [config.fileAssociations!]
    const html = associations.find((association) => [association.ext].flat().includes('html'))
    expect(html).toBeDefined()
    expect([html!.ext].flat()).toEqual(expect.arrayContaining(['html', 'htm']))
    expect(html!.mimeType).toBe('text/html')
    expect(html!.role).toBe('Viewer')
    expect(html!.rank).toBe('Alternate')
  })

  it('packs the build output and package.json, never sources, tests, scripts, docs or maps', async () => {
    const patterns = filePatterns()
    const main = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main
    for (const file of [
      main,
      'out/main/cli.js',
      'out/main/chunks/core-abc.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'out/renderer/icon.svg',
      'package.json',
    ]) {
      expect(matches(patterns, file), file).toBe(true)
    }
    for (const file of [
      'main/electron/index.ts',
      'main/core/core.ts',
      'preload/index.ts',
      'renderer/index.html',
      'renderer/src/App.tsx',
      'test/unit/packaging.test.ts',
      'bench/scale.ts',
      'scripts/make-icons.ts',
      'docs/security.md',
      'resources/icon.svg',
      'bin/visavis.js',
      'README.md',
      'tsconfig.json',
      'electron.vite.config.ts',
      'out/main/index.js.map',
      'out/main/types.d.ts',
    ]) {
      expect(matches(patterns, file), file).toBe(false)
    }
  })

  it('unpacks Bergamot (its worker script and .wasm are read from disk) and any native module from the asar', async () => {
    expect(config.asar).not.toBe(false)
    const patterns = config.asarUnpack as string[]
    const bergamot = 'node_modules/@browsermt/bergamot-translator'
    for (const file of ['worker/translator-worker.js', 'worker/bergamot-translator-worker.wasm', 'package.json']) {
      expect((await stat(join(ROOT, bergamot, file))).isFile(), file).toBe(true)
      expect(matches(patterns, `${bergamot}/${file}`), file).toBe(true)
    }
    expect(matches(patterns, 'node_modules/some-addon/build/Release/addon.node')).toBe(true)
    expect(matches(patterns, 'out/main/index.js')).toBe(false)
    expect(matches(patterns, 'node_modules/zod/index.js')).toBe(false)
  })

  it('flips the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('is built by npm run dist into an ignored folder', async () => {
    const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(packageJson.scripts.dist).toBe('electron-vite build && electron-builder')
    expect(config.directories?.output).toBe('dist')
    expect(await readFile(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m)
    expect(await readFile(join(ROOT, 'README.md'), 'utf8')).toMatch(/^## Packages$/m)
  })
})
