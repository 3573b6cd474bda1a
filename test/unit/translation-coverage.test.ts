import { describe, expect, it } from 'vitest'

import { type ApiEvent, type ArticleSummary, type EngineId, translationStateOf } from '../../main/api/contract'
import type { Core } from '../../main/core/core'
import { excerptOf } from '../../main/core/library/summary'
import { indexFiles, readIndexOnDisk } from '../support/library-index'
import { recordingEngine } from '../support/recording-engine'
import { useLibraries } from '../support/temp-dir'

/** Four paragraphs after the title line. */
const ARTICLE = 'Titre\n\nPremière phrase. Deuxième phrase.\n\nTroisième phrase.\n\nQuatrième phrase.\n\nCinquième phrase.'

async function translateToTheEnd(core: Core, id: string, { cancelAfterMs, engine }: { cancelAfterMs?: number; engine?: EngineId } = {}) {
  const ended = new Promise<ApiEvent>((resolve) => core.subscribe((event) => event.type === 'translation.finished' && resolve(event)))
  const job = await core.translateArticle({ id, engine })
  if (!job.jobId) return
  if (cancelAfterMs !== undefined) setTimeout(() => void core.cancelTranslation({ jobId: job.jobId! }), cancelAfterMs)
  await ended
}

const summaryOf = async (core: Core, id: string): Promise<ArticleSummary> => (await core.listArticles({})).find((a) => a.id === id)!

describe('the translation state the library list shows', () => {
  const { tempDir, openCore } = useLibraries()

  it('is none before any translation, and done with its engine once every paragraph is translated', async () => {
    const core = await openCore({ libraryDir: await tempDir(), engines: [recordingEngine({ id: 'bergamot' }).engine] })
    const { article } = await core.importText({ text: ARTICLE })
    expect(translationStateOf((await summaryOf(core, article.id)).translation)).toEqual({ state: 'none' })

    await translateToTheEnd(core, article.id)
    const { translation } = await summaryOf(core, article.id)
    expect(translation).toEqual({ engine: 'bergamot', to: 'en', translated: 4, total: 4 })
    expect(translationStateOf(translation)).toEqual({ state: 'done', engine: 'bergamot' })
  })

  it('is partial with the share of paragraphs translated when one failed, and is kept in library.json', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir, engines: [recordingEngine({ failOn: /Troisième/ }).engine] })
    const { article } = await core.importText({ text: ARTICLE })
    await translateToTheEnd(core, article.id)
    expect(translationStateOf((await summaryOf(core, article.id)).translation)).toEqual({
      state: 'partial',
      engine: 'apertium',
      percent: 75,
    })
    const index = await readIndexOnDisk(libraryDir)
    expect(index.articles[0]!.translation).toEqual({ engine: 'apertium', to: 'en', translated: 3, total: 4 })
  })

  it('keeps how far a cancelled translation got, and tells the list the library changed', async () => {
    const core = await openCore({ libraryDir: await tempDir(), engines: [recordingEngine({ delayMs: 40 }).engine] })
    const { article } = await core.importText({ text: ARTICLE })
    const changes: string[][] = []
    core.subscribe((event) => event.type === 'library.changed' && changes.push(event.articleIds))
    await translateToTheEnd(core, article.id, { cancelAfterMs: 100 })
    const { translation } = await summaryOf(core, article.id)
    expect(translation!.translated).toBeGreaterThan(0)
    expect(translation!.translated).toBeLessThan(4)
    expect(changes).toContainEqual([article.id])
  })

  it('follows the engine of the latest translation, and a whole one reopened from the cache', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir, engines: [recordingEngine({ id: 'apertium' }).engine] })
    const { article } = await core.importText({ text: ARTICLE })
    await translateToTheEnd(core, article.id)
    const bergamot = recordingEngine({ id: 'bergamot', failOn: /Deuxième|Troisième|Quatrième/ })
    const other = await openCore({ libraryDir, engines: [bergamot.engine] })
    await translateToTheEnd(other, article.id, { engine: 'bergamot' })
    expect(translationStateOf((await summaryOf(other, article.id)).translation)).toEqual({
      state: 'partial',
      engine: 'bergamot',
      percent: 25,
    })
    await translateToTheEnd(other, article.id, { engine: 'apertium' })
    expect(translationStateOf((await summaryOf(other, article.id)).translation)).toEqual({ state: 'done', engine: 'apertium' })
  })

  it('writes the index only when the state changes', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir, engines: [recordingEngine().engine] })
    const { article } = await core.importText({ text: ARTICLE })
    await translateToTheEnd(core, article.id)
    const before = await indexFiles(libraryDir)
    const changes: ApiEvent[] = []
    core.subscribe((event) => event.type === 'library.changed' && changes.push(event))
    await core.translateArticle({ id: article.id })
    expect(changes).toEqual([])
    expect(await indexFiles(libraryDir)).toEqual(before)
  })

  it('says an article translated into another language than the one asked for is not translated', () => {
    expect(translationStateOf({ engine: 'apertium', to: 'en', translated: 10, total: 10 }, 'en')).toEqual({
      state: 'done',
      engine: 'apertium',
    })
    expect(translationStateOf({ engine: 'apertium', to: 'en', translated: 10, total: 10 }, 'es')).toEqual({ state: 'none' })
  })

  it('never says 0 % or 100 % of a partial translation', () => {
    expect(translationStateOf(undefined)).toEqual({ state: 'none' })
    expect(translationStateOf({ engine: 'apertium', to: 'en', translated: 0, total: 10 })).toEqual({ state: 'none' })
    expect(translationStateOf({ engine: 'apertium', to: 'en', translated: 1, total: 1000 })).toMatchObject({ percent: 1 })
    expect(translationStateOf({ engine: 'apertium', to: 'en', translated: 999, total: 1000 })).toMatchObject({ percent: 99 })
    expect(translationStateOf({ engine: 'libretranslate', to: 'en', translated: 2, total: 3 })).toEqual({
      state: 'partial',
      engine: 'libretranslate',
      percent: 66,
    })
  })
})

describe('the excerpt the library list shows', () => {
  const { tempDir, openCore } = useLibraries()

  it('is the first sentence of the body, kept in the index at import', async () => {
    const core = await openCore({ libraryDir: await tempDir(), engines: [] })
    const { article } = await core.importText({ text: ARTICLE })
    expect(article.excerpt).toBe('Première phrase.')
    expect((await summaryOf(core, article.id)).excerpt).toBe('Première phrase.')
  })

  it('passes over headings and captions, and cuts a long sentence at a word', () => {
    expect(
      excerptOf([
        { id: 'p1', text: 'Un intertitre', kind: 'heading', level: 2 },
        { id: 'p2', text: 'Une légende.', kind: 'caption' },
        { id: 'p3', text: 'Le corps commence ici. Puis continue.' },
      ]),
    ).toBe('Le corps commence ici.')
    const long = excerptOf([{ id: 'p1', text: `${'mot '.repeat(100)}fin.` }])!
    expect(long.length).toBeLessThanOrEqual(241)
    expect(long).toMatch(/ mot…$/)
    expect(excerptOf([])).toBeUndefined()
  })
})
