import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { createDispatcher } from '../../main/api/dispatch'
import { defaultSettings } from '../../main/api/settings-shape'
import { readIndexOnDisk, writeIndexOnDisk } from '../support/library-index'
import { recordingEngine } from '../support/recording-engine'
import { useLibraries } from '../support/temp-dir'

describe('settings', () => {
  const { tempDir, openCore } = useLibraries()

  it('start from the defaults, persist changes to <userData>/settings.json, and announce them', async () => {
    const userDataDir = await tempDir()
    const core = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir })
    expect(await core.getSettings({})).toEqual(defaultSettings)
    const events: unknown[] = []
    core.subscribe((event) => events.push(event))
    const updated = await core.updateSettings({
      patch: { theme: 'dark', reading: { fontSize: 22 }, libreTranslate: { url: 'http://127.0.0.1:5000' } },
    })
    expect(updated).toMatchObject({
      theme: 'dark',
      reading: { fontSize: 22, layout: 'side-by-side' },
      libreTranslate: { url: 'http://127.0.0.1:5000', apiKey: '' },
    })
    expect(events).toEqual([{ type: 'settings.changed', settings: updated }])
    const reopened = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir })
    expect(await reopened.getSettings({})).toEqual(updated)
  })

  it('refuse an invalid change through the contract and keep the file as it was', async () => {
    const userDataDir = await tempDir()
    const core = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir })
    await core.updateSettings({ patch: { theme: 'sepia' } })
    const before = await readFile(join(userDataDir, 'settings.json'), 'utf8')
    const dispatch = createDispatcher(core)
    for (const patch of [
      { theme: 'neon' },
      { reading: { fontSize: 400 } },
      { libreTranslate: { url: 'ftp://example.org' } },
      { unknown: 1 },
    ]) {
      expect(await dispatch('updateSettings', { patch })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
    expect(await readFile(join(userDataDir, 'settings.json'), 'utf8')).toBe(before)
  })

  it('read a damaged settings file as the defaults, keeping the values that are still valid', async () => {
    const userDataDir = await tempDir()
    await writeFile(
      join(userDataDir, 'settings.json'),
      JSON.stringify({ theme: 'dark', reading: { fontSize: 'huge', layout: 'interleaved' } }),
    )
    const core = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir })
    expect(await core.getSettings({})).toMatchObject({ theme: 'dark', reading: { fontSize: 18, layout: 'interleaved' } })
  })

  it('give translation its default engine and target language', async () => {
    const userDataDir = await tempDir()
    const spanish = recordingEngine()
    spanish.engine.pairs = async () => [{ from: 'fr', to: 'es' }]
    const core = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir, engines: [spanish.engine] })
    await core.updateSettings({ patch: { targetLanguage: 'es' } })
    const { article } = await core.importText({ text: 'Titre\n\nUne phrase.' })
    expect(await core.translateArticle({ id: article.id })).toMatchObject({ to: 'es', model: 'test-fr-es' })
  })

  it('remember the reading position of an article', async () => {
    const userDataDir = await tempDir()
    const core = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir })
    const { article } = await core.importText({ text: 'Titre\n\nUn.\n\nDeux.\n\nTrois.' })
    await core.setReadingPosition({ id: article.id, paragraphId: 'p2', progress: 0.5 })
    const reopened = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir })
    expect((await reopened.listArticles({}))[0]).toMatchObject({ position: 'p2', progress: 0.5 })
  })

  it('read an index written before articles had a chosen engine, or naming an engine this version lacks', async () => {
    const userDataDir = await tempDir()
    const libraryDir = join(userDataDir, 'library')
    const core = await openCore({ libraryDir, userDataDir })
    const { article } = await core.importText({ text: 'Titre\n\nUn.\n\nDeux.' })
    const index = await readIndexOnDisk(libraryDir)
    expect(index.articles[0]).not.toHaveProperty('engine')

    for (const engine of [undefined, 'deepl']) {
      await writeIndexOnDisk(libraryDir, { ...index, articles: [{ ...index.articles[0]!, position: 'p2', engine }] })
      const reopened = await openCore({ libraryDir, userDataDir })
      expect(await reopened.listArticles({})).toEqual([expect.objectContaining({ id: article.id, position: 'p2' })])
      expect((await reopened.getAppInfo({})).problems).toEqual([])
      expect(await reopened.getArticle({ id: article.id })).not.toHaveProperty('engine')
    }
  })
})

describe('settings under concurrent changes', () => {
  const { tempDir, openCore } = useLibraries()

  it('keep every change, in order, in memory and on disk', async () => {
    const userDataDir = await tempDir()
    const core = await openCore({ libraryDir: join(userDataDir, 'library'), userDataDir })
    await Promise.all([
      core.updateSettings({ patch: { theme: 'dark' } }),
      core.updateSettings({ patch: { reading: { fontSize: 20 } } }),
      core.updateSettings({ patch: { reading: { layout: 'interleaved' } } }),
    ])
    const expected = { theme: 'dark', reading: { fontSize: 20, layout: 'interleaved' } }
    expect(await core.getSettings({})).toMatchObject(expected)
    expect(JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8'))).toMatchObject(expected)
  })
})
