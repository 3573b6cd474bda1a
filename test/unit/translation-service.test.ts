import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { ApiEvent } from '../../main/api/contract'
import type { Core } from '../../main/core/core'
import type { TranslatedSentence } from '../../main/core/translation/engine'
import { recordingEngine } from '../support/recording-engine'
import { useLibraries } from '../support/temp-dir'

const ARTICLE = 'Titre\n\nPremière phrase. Deuxième phrase.\n\nTroisième phrase.\n\nQuatrième phrase.\n\nCinquième phrase.'

function collect(core: Core) {
  const events: ApiEvent[] = []
  core.subscribe((event) => events.push(event))
  const seen = (found: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (found() ? resolve() : setTimeout(check, 5))
      check()
    })
  const finished = () => seen(() => events.some((e) => e.type === 'translation.finished'))
  const translatedIds = () => events.flatMap((e) => (e.type === 'translation.paragraph' ? [e.paragraph.paragraphId] : []))
  return { events, finished, translatedIds, seen }
}

describe('translation service', () => {
  const { tempDir, openCore } = useLibraries()

  it('streams paragraphs as events, visible ones first, with sentence pairs and progress', async () => {
    const { engine } = recordingEngine()
    const core = await openCore({ libraryDir: await tempDir(), engines: [engine] })
    const { article } = await core.importText({ text: ARTICLE })
    const { events, finished } = collect(core)

    const job = await core.translateArticle({ id: article.id, visibleParagraphIds: ['p3', 'p4'] })
    expect(job).toMatchObject({ engine: 'apertium', model: 'test-fr-en', to: 'en', total: 4, done: 0, paragraphs: [] })
    await finished()

    const order = events.flatMap((e) => (e.type === 'translation.paragraph' ? [e.paragraph.paragraphId] : []))
    expect(order).toEqual(['p3', 'p4', 'p1', 'p2'])
    const p1 = events.find((e) => e.type === 'translation.paragraph' && e.paragraph.paragraphId === 'p1')
    expect(p1).toMatchObject({
      paragraph: {
        sentences: [
          { source: 'Première phrase.', target: '[en] Première phrase.' },
          { source: 'Deuxième phrase.', target: '[en] Deuxième phrase.' },
        ],
      },
    })
    expect(events.filter((e) => e.type === 'translation.progress').map((e) => (e as { done: number }).done)).toEqual([1, 2, 3, 4])
    expect(events.at(-1)).toMatchObject({ type: 'translation.finished', state: 'done' })
  })

  it('reopens a translated article from the cache without calling the engine', async () => {
    const libraryDir = await tempDir()
    const first = recordingEngine()
    const core = await openCore({ libraryDir, engines: [first.engine] })
    const { article } = await core.importText({ text: ARTICLE })
    const { finished } = collect(core)
    await core.translateArticle({ id: article.id })
    await finished()

    const second = recordingEngine()
    const reopened = await openCore({ libraryDir, engines: [second.engine] })
    const job = await reopened.translateArticle({ id: article.id })
    expect(job).toMatchObject({ jobId: null, done: 4, total: 4 })
    expect(job.paragraphs.map((p) => p.sentences.map((s) => s.target).join(' '))).toEqual([
      '[en] Première phrase. [en] Deuxième phrase.',
      '[en] Troisième phrase.',
      '[en] Quatrième phrase.',
      '[en] Cinquième phrase.',
    ])
    expect(second.calls).toEqual([])
    expect(await reopened.getTranslation({ id: article.id })).toMatchObject({ engine: 'apertium', paragraphs: job.paragraphs })
  })

  it('re-translates only the changed sentence of an edited paragraph', async () => {
    const libraryDir = await tempDir()
    const { engine, calls } = recordingEngine()
    const core = await openCore({ libraryDir, engines: [engine] })
    const { article } = await core.importText({ text: ARTICLE })
    const { events, finished } = collect(core)
    await core.translateArticle({ id: article.id })
    await finished()

    const file = join(libraryDir, 'articles', article.id, 'article.json')
    const stored = JSON.parse(await readFile(file, 'utf8'))
    stored.paragraphs[0].text = 'Première phrase. Une phrase nouvelle.'
    await writeFile(file, JSON.stringify(stored))
    calls.length = 0
    events.length = 0
    await core.translateArticle({ id: article.id })
    await finished()
    expect(calls).toEqual([['Une phrase nouvelle.']])
  })

  it("keeps each sentence's route, unknown words and the other route's sentence, and marks the unsure ones", async () => {
    const { engine } = recordingEngine()
    const answers: Record<string, Omit<TranslatedSentence, 'index'>> = {
      'Un mot inconnu.': { target: 'An inconnu word.', route: 'fr-es-en', unknownWords: ['inconnu'] },
      'Un nom, Zhongnanhai.': { target: 'A name, Zhongnanhai.', route: 'fr-es-en', unknownWords: ['Zhongnanhai'] },
      'Deux avis.': { target: 'Two opinions.', route: 'fr-ca-en', alternative: { route: 'fr-es-en', target: 'Two notices.' } },
    }
    engine.translate = async function* (sentences) {
      for (const [index, sentence] of sentences.entries()) yield { index, ...(answers[sentence] ?? { target: sentence }) }
    }
    const core = await openCore({ libraryDir: await tempDir(), engines: [engine] })
    const { article } = await core.importText({ text: `Titre\n\n${Object.keys(answers).join(' ')}` })
    const { finished } = collect(core)
    await core.translateArticle({ id: article.id })
    await finished()

    const [paragraph] = (await core.getTranslation({ id: article.id }))!.paragraphs
    expect(paragraph!.sentences.map(({ route, unsure, alternative }) => ({ route, unsure, alternative }))).toEqual([
      { route: 'fr-es-en', unsure: true, alternative: undefined },
      { route: 'fr-es-en', unsure: undefined, alternative: undefined },
      { route: 'fr-ca-en', unsure: true, alternative: { route: 'fr-es-en', target: 'Two notices.' } },
    ])
  })

  it('readies the default engine for French at once in long-running processes, and only there', async () => {
    const warmed: { from: string; to: string }[] = []
    const { engine } = recordingEngine()
    engine.warm = async (pair) => void warmed.push(pair)
    await openCore({ libraryDir: await tempDir(), engines: [engine] })
    await openCore({ libraryDir: await tempDir(), engines: [engine], warmEngines: true, defaults: { to: 'en' } })
    await expect.poll(() => warmed).toEqual([{ from: 'fr', to: 'en' }])
  })

  it('never translates a sentence twice across the library', async () => {
    const { engine, calls } = recordingEngine()
    const core = await openCore({ libraryDir: await tempDir(), engines: [engine] })
    const a = await core.importText({ text: 'Un\n\nLa même phrase. Une phrase de A.' })
    const b = await core.importText({ text: 'Deux\n\nLa même phrase. Une phrase de B.' })
    for (const { article } of [a, b]) {
      const { events, finished } = collect(core)
      await core.translateArticle({ id: article.id })
      await finished()
      events.length = 0
    }
    // Each title is translated once too, before the paragraphs.
    expect(calls.flat()).toEqual(['Un', 'La même phrase.', 'Une phrase de A.', 'Deux', 'Une phrase de B.'])
  })

  it('reports a failed paragraph with its error and goes on with the others', async () => {
    const { engine } = recordingEngine({ failOn: /Troisième/ })
    const core = await openCore({ libraryDir: await tempDir(), engines: [engine] })
    const { article } = await core.importText({ text: ARTICLE })
    const { events, finished } = collect(core)
    await core.translateArticle({ id: article.id })
    await finished()
    expect(events.filter((e) => e.type === 'translation.error')).toEqual([
      expect.objectContaining({ paragraphId: 'p2', error: { code: 'internal', message: expect.any(String) } }),
    ])
    expect(events.filter((e) => e.type === 'translation.paragraph')).toHaveLength(3)

    const retried = recordingEngine()
    const again = await openCore({ libraryDir: core.libraryDir, engines: [retried.engine] })
    expect(await again.retranslate({ id: article.id, paragraphId: 'p2' })).toEqual({
      paragraphId: 'p2',
      sentences: [{ source: 'Troisième phrase.', target: '[en] Troisième phrase.' }],
    })
  })

  it('stops when cancelled, and a reprioritised paragraph comes next', async () => {
    const { engine } = recordingEngine({ delayMs: 30 })
    const core = await openCore({ libraryDir: await tempDir(), engines: [engine] })
    const { article } = await core.importText({ text: ARTICLE })
    const { events, finished, translatedIds, seen } = collect(core)
    const job = await core.translateArticle({ id: article.id })
    await core.setVisibleParagraphs({ jobId: job.jobId!, paragraphIds: ['p4'] })
    // Cancelled once two paragraphs are in, however long they took on this machine.
    await seen(() => translatedIds().length >= 2)
    await core.cancelTranslation({ jobId: job.jobId! })
    await finished()
    const translated = translatedIds()
    expect(translated[0]).toBe('p1')
    expect(translated[1]).toBe('p4')
    expect(translated.length).toBeLessThan(4)
    expect(events.at(-1)).toMatchObject({ type: 'translation.finished', state: 'cancelled' })
  })

  it('pairs sentence i of the original with sentence i of the translation, in whatever order the engine answers', async () => {
    const { engine } = recordingEngine()
    const lastFirst: typeof engine = {
      ...engine,
      async *translate(sentences, pair, signal) {
        const answers: TranslatedSentence[] = []
        for await (const answer of engine.translate(sentences, pair, signal)) answers.push(answer)
        yield* answers.reverse()
      },
    }
    const core = await openCore({ libraryDir: await tempDir(), engines: [lastFirst] })
    const { article } = await core.importText({ text: ARTICLE })
    const { sentences } = await core.retranslate({ id: article.id, paragraphId: 'p1' })
    expect(sentences.map(({ source, target }) => [source, target])).toEqual([
      ['Première phrase.', '[en] Première phrase.'],
      ['Deuxième phrase.', '[en] Deuxième phrase.'],
    ])
  })

  it('re-translates one sentence on demand, keeping the others from the cache', async () => {
    const { engine, calls } = recordingEngine()
    const core = await openCore({ libraryDir: await tempDir(), engines: [engine] })
    const { article } = await core.importText({ text: ARTICLE })
    const { finished } = collect(core)
    await core.translateArticle({ id: article.id })
    await finished()
    calls.length = 0
    await core.retranslate({ id: article.id, paragraphId: 'p1', sentenceIndex: 1 })
    expect(calls).toEqual([['Deuxième phrase.']])
    await expect(core.retranslate({ id: article.id, paragraphId: 'p1', sentenceIndex: 5 })).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it("translates an article with the engine chosen for it, kept across restarts; a call's own engine comes first", async () => {
    const libraryDir = await tempDir()
    const engines = () => [recordingEngine({ id: 'apertium' }).engine, recordingEngine({ id: 'bergamot' }).engine]
    const core = await openCore({ libraryDir, engines: engines() })
    const { article } = await core.importText({ text: ARTICLE })
    expect(await core.translateArticle({ id: article.id })).toMatchObject({ engine: 'bergamot' })

    expect(await core.setArticleEngine({ id: article.id, engine: 'apertium' })).toMatchObject({ engine: 'apertium' })
    const reopened = await openCore({ libraryDir, engines: engines() })
    expect(await reopened.getArticle({ id: article.id })).toMatchObject({ engine: 'apertium' })
    expect(await reopened.translateArticle({ id: article.id })).toMatchObject({ engine: 'apertium' })
    expect(await reopened.retranslate({ id: article.id, paragraphId: 'p1' })).toMatchObject({
      sentences: [{ target: '[en] Première phrase.' }, { target: '[en] Deuxième phrase.' }],
    })
    expect(await reopened.translateArticle({ id: article.id, engine: 'bergamot' })).toMatchObject({ engine: 'bergamot' })
  })

  it('says how to get an engine when none is ready', async () => {
    const core = await openCore({
      libraryDir: await tempDir(),
      engines: [
        {
          ...recordingEngine().engine,
          status: async () => ({
            state: 'not_installed',
            fix: { messageCode: 'apertium_not_installed', message: 'Install Apertium: sudo apt-get install apertium' },
          }),
        },
      ],
    })
    const { article } = await core.importText({ text: ARTICLE })
    await expect(core.translateArticle({ id: article.id })).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringContaining('sudo apt-get install apertium'),
      messageCode: 'no_engine_for_pair',
      params: { from: 'fr', to: 'en' },
    })
    expect(await core.listEngines({})).toEqual([
      {
        id: 'apertium',
        status: { state: 'not_installed', fix: expect.objectContaining({ messageCode: 'apertium_not_installed' }) },
        pairs: [],
      },
    ])
  })
})
