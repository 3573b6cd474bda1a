import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { foldText } from '../../main/api/text-folding'
import { searchTerm } from '../../main/core/search/text-folding'
import { SEED_PATH } from '../support/seed'
import { useLibraries } from '../support/temp-dir'

const highlighted = (hit: { snippet: { text: string; highlights: [number, number][] } }) =>
  hit.snippet.highlights.map(([start, end]) => hit.snippet.text.slice(start, end))

describe('search', () => {
  const { tempDir, openCore } = useLibraries()

  async function libraryWithSample(libraryDir?: string) {
    const core = await openCore({ libraryDir: libraryDir ?? (await tempDir()) })
    const { article } = await core.importText({ text: await readFile(SEED_PATH, 'utf8') })
    await core.importText({ text: 'La météo de demain\n\nIl pleuvra sur Paris et le soleil reviendra dimanche.' })
    return { core, id: article.id }
  }

  it('finds "developpement" in an article that says "développement", with the word highlighted', async () => {
    const { core, id } = await libraryWithSample()
    const hits = await core.search({ query: 'developpement' })
    expect(hits.map((hit) => hit.id)).toEqual([id])
    expect(highlighted(hits[0]!).map(foldText)).toContain('developpement')
    expect(hits[0]!.snippet.paragraphId).toBe('p4')
  })

  it('is case-insensitive and matches prefixes', async () => {
    const { core, id } = await libraryWithSample()
    expect((await core.search({ query: 'KAZAKH' })).map((hit) => hit.id)).toEqual([id])
    expect((await core.search({ query: 'pleuv' }))[0]?.title).toBe('La météo de demain')
  })

  it('requires every word when some article has them all, and ranks title matches first', async () => {
    const { core } = await libraryWithSample()
    expect((await core.search({ query: 'soleil Paris' })).map((hit) => hit.title)).toEqual(['La météo de demain'])
    const hits = await core.search({ query: 'météo Chine' })
    expect(hits).toHaveLength(2)
  })

  it('returns nothing for words no article holds', async () => {
    const { core } = await libraryWithSample()
    expect(await core.search({ query: 'ornithorynque' })).toEqual([])
  })

  it('persists the index, and updates it incrementally rather than rebuilding at start', async () => {
    const libraryDir = await tempDir()
    const { core, id } = await libraryWithSample(libraryDir)
    await core.close()
    const stored = await readFile(join(libraryDir, 'search-index.json'), 'utf8')

    const reopened = await openCore({ libraryDir })
    expect((await reopened.search({ query: 'Nazarbaïev' })).map((hit) => hit.id)).toEqual([id])
    await reopened.close()
    expect(await readFile(join(libraryDir, 'search-index.json'), 'utf8')).toBe(stored)
  })

  it('rebuilds a missing or damaged index from the articles', async () => {
    const libraryDir = await tempDir()
    const { core, id } = await libraryWithSample(libraryDir)
    await core.close()
    for (const damage of [
      () => rm(join(libraryDir, 'search-index.json')),
      () => writeFile(join(libraryDir, 'search-index.json'), '{"form'),
    ]) {
      await damage()
      const reopened = await openCore({ libraryDir })
      expect((await reopened.search({ query: 'developpement' })).map((hit) => hit.id)).toEqual([id])
      await reopened.close()
    }
  })

  it('refuses an empty query through the contract', async () => {
    const { createDispatcher } = await import('../../main/api/dispatch')
    const { core } = await libraryWithSample()
    expect(await createDispatcher(core)('search', { query: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})

describe('searchTerm', () => {
  it.each([
    ['Développement', 'developpement'],
    ['développements', 'developpement'],
    ['Œuvre', 'oeuvre'],
    ['pays', 'pay'],
    ['le', null],
    ['l', null],
  ])('%s → %s', (word, term) => expect(searchTerm(word)).toBe(term))
})
