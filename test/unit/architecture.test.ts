import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
}

async function filesImporting(dir: string, pattern: RegExp): Promise<string[]> {
  const files = await sourceFiles(dir)
  const contents = await Promise.all(files.map((file) => readFile(join(ROOT, file), 'utf8')))
  return files.filter((_file, i) => pattern.test(contents[i]!))
}

/** A pattern for any way of loading a module named by `name` (a pattern): `from`, a bare `import`, `import()`, `require()`. */
const loading = (name: string) => new RegExp(`\\b(?:from|import|require)\\s*\\(?\\s*['"]${name}['"]`)

const IMPORTS_ELECTRON = loading('electron')

describe('architecture', () => {
  it('keeps Electron to at most six files, all in the Electron door or the preload', async () => {
    const files = [...(await filesImporting('main', IMPORTS_ELECTRON)), ...(await filesImporting('preload', IMPORTS_ELECTRON))]
    expect(files.length).toBeGreaterThan(0)
    expect(files.length).toBeLessThanOrEqual(6)
    for (const file of files) expect(file).toMatch(/^(main\/electron|preload)\//)
  })

  it('keeps Node and Electron out of the renderer', async () => {
    expect(await filesImporting('renderer', loading('(electron|node:[a-z/]+|fs|path|child_process)'))).toEqual([])
  })

  it('lets the renderer and the preload reach main/ only through @shared (main/api)', async () => {
    const reachingMain = loading('(\\.\\./)+main/[^\'"]*')
    expect(await filesImporting('renderer', reachingMain)).toEqual([])
    expect(await filesImporting('preload', reachingMain)).toEqual([])
  })

  it('bundles no validator into the renderer or the preload: nothing they load imports zod', async () => {
    const entries = [...(await sourceFiles('renderer/src')), ...(await sourceFiles('preload'))]
    const loaded = await loadedModules(entries)
    const withZod = []
    for (const file of loaded) if (/from ['"]zod['"]/.test(await readFile(join(ROOT, file), 'utf8'))) withZod.push(file)
    expect(withZod).toEqual([])
  })

  it('has no import loop: no module loads, through others, a module that loads it', async () => {
    const files = [...(await sourceFiles('main')), ...(await sourceFiles('renderer/src')), ...(await sourceFiles('preload'))]
    const graph = new Map<string, string[]>()
    for (const file of files) {
      const targets = valueImports(await readFile(join(ROOT, file), 'utf8')).map((target) => resolveModule(file, target))
      graph.set(
        file,
        targets.filter((target): target is string => target !== null),
      )
    }
    expect(loopsIn(graph)).toEqual([])
  })
})

/** Each import loop once, as the modules around it (depth-first search, a module on the current path seen again). */
function loopsIn(graph: Map<string, string[]>): string[][] {
  const loops: string[][] = []
  const done = new Set<string>()
  const path: string[] = []
  const visit = (file: string) => {
    const at = path.indexOf(file)
    if (at >= 0) return void loops.push(path.slice(at))
    if (done.has(file)) return
    path.push(file)
    for (const next of graph.get(file) ?? []) visit(next)
    path.pop()
    done.add(file)
  }
  for (const file of graph.keys()) visit(file)
  return loops
}

/** The relative and @shared modules the files load at run time (type-only imports are erased), following each. */
async function loadedModules(files: string[]): Promise<Set<string>> {
  const seen = new Set<string>(files)
  const queue = [...files]
  while (queue.length > 0) {
    const file = queue.pop()!
    for (const target of valueImports(await readFile(join(ROOT, file), 'utf8'))) {
      const resolved = resolveModule(file, target)
      if (resolved && !seen.has(resolved)) {
        seen.add(resolved)
        queue.push(resolved)
      }
    }
  }
  return seen
}

function valueImports(source: string): string[] {
  const statements = source.matchAll(/^(?:import|export)\s+(type\s+)?(?:([^'"]*?)\s+from\s+)?['"]([^'"]+)['"]/gms)
  return [...statements]
    .filter(([, typeOnly, names]) => !typeOnly && !(names && /^\{[^}]*\}$/s.test(names.trim()) && allTypes(names)))
    .map(([, , , target]) => target!)
}

const allTypes = (names: string) =>
  names
    .replace(/[{}]/g, '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .every((name) => name.startsWith('type '))

function resolveModule(from: string, target: string): string | null {
  const base = target.startsWith('@shared/')
    ? join('main/api', target.slice('@shared/'.length))
    : target.startsWith('.')
      ? join(from, '..', target)
      : null
  if (base === null) return null
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(join(ROOT, candidate))) ?? null
}
