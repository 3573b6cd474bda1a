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

const IMPORTS_ELECTRON = /from ['"]electron['"]/

describe('architecture', () => {
  it('keeps Electron to at most six files, all in the Electron door or the preload', async () => {
    const files = [...(await filesImporting('main', IMPORTS_ELECTRON)), ...(await filesImporting('preload', IMPORTS_ELECTRON))]
    expect(files.length).toBeGreaterThan(0)
    expect(files.length).toBeLessThanOrEqual(6)
    for (const file of files) expect(file).toMatch(/^(main\/electron|preload)\//)
  })

  it('keeps Node and Electron out of the renderer', async () => {
    expect(await filesImporting('renderer', /from ['"](electron|node:[a-z/]+|fs|path|child_process)['"]/)).toEqual([])
  })

  it('lets the renderer import only the contract, its errors, messages, settings and text folding from main/', async () => {
    const files = await filesImporting('renderer', /from ['"](\.\.\/)+main\/(?!api\/(contract|errors|messages|settings|text-folding)['"])/)
    expect(files).toEqual([])
  })
})
