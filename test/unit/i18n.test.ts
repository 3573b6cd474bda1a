import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../renderer/src/i18n/locales/en.json'

const RENDERER = join(import.meta.dirname, '../../renderer/src')

function hasKey(resources: unknown, key: string): boolean {
  const plural = (node: Record<string, unknown>, last: string) => `${last}_one` in node || `${last}_other` in node
  const parts = key.split('.')
  let node = resources as Record<string, unknown>
  for (const [i, part] of parts.entries()) {
    const isLast = i === parts.length - 1
    if (isLast) return typeof node[part] === 'string' || plural(node, part)
    if (typeof node[part] !== 'object' || node[part] === null) return false
    node = node[part] as Record<string, unknown>
  }
  return false
}

async function keysUsedInRenderer(): Promise<string[]> {
  const entries = await readdir(RENDERER, { recursive: true, withFileTypes: true })
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.tsx')).map((e) => join(e.parentPath, e.name))
  const keys = new Set<string>()
  for (const file of files) {
    const source = await readFile(file, 'utf8')
    for (const match of source.matchAll(/\bt\(\s*'([^']+)'/g)) keys.add(match[1]!)
  }
  return [...keys]
}

describe('i18n', () => {
  it('finds the keys the renderer uses', async () => {
    expect((await keysUsedInRenderer()).length).toBeGreaterThan(10)
  })

  it('has every key the renderer uses in English', async () => {
    const missing = (await keysUsedInRenderer()).filter((key) => !hasKey(en, key))
    expect(missing).toEqual([])
  })
})
