import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { ApiEvent } from '../../main/api/contract'
import { createCore } from '../../main/core/core'
import { decodeHtml } from '../../main/core/import/decode'
import { extractFromHtml } from '../../main/core/import/html'
import { createApertiumEngine } from '../../main/core/translation/apertium/apertium-engine'
import { splitSentences } from '../../main/core/translation/sentences'
import { translateAll } from '../../main/core/translation/text-pipeline'
import { apertiumInstalled } from '../support/apertium'
import { SEED_PATH, sharedFolder } from '../support/seed'
import { extractionWorkerOfSources } from '../support/source-worker'
import { useTempDirs } from '../support/temp-dir'

const installed = apertiumInstalled()
const toEnglish = { from: 'fr', to: 'en' }
/** What Apertium's Catalan route wrote before: Catalan spellings of names and places, and a word-for-word idiom. */
const CATALAN_LEFTOVERS = /París|Europa\b|Elisi|at the if of|Nazarbàiev|Tolosa/

/** Words with an Apertium mark before them (`*` unknown, `#` not generated, `@` not in the dictionary). */
function marksIn(text: string): string[] {
  return text.match(/(?<=^|[\s(])[*#@]+\p{L}+/gu) ?? []
}

describe.skipIf(!installed)('Apertium translation quality (the real engine)', () => {
  const tempDir = useTempDirs()

  it('translates the sample with dreams, French names, Mr Xi, a route per sentence and the title', async () => {
    const core = await createCore({
      libraryDir: await tempDir(),
      extractionWorker: extractionWorkerOfSources(),
      userDataDir: await tempDir(),
      defaults: { engine: 'apertium', to: 'en' },
    })
    try {
      const { article } = await core.importText({ text: await readFile(SEED_PATH, 'utf8') })
      const finished = new Promise<void>((resolve) =>
        core.subscribe((event: ApiEvent) => event.type === 'translation.finished' && resolve()),
      )
      const job = await core.translateArticle({ id: article.id })
      if (job.jobId) await finished
      const translation = (await core.getTranslation({ id: article.id }))!
      const sentences = translation.paragraphs.flatMap((paragraph) => paragraph.sentences)
      const english = sentences.map((sentence) => sentence.target).join(' ')

      expect(translation.paragraphs).toHaveLength(16)
      expect(translation.title).toMatch(/China and Kazakhstan/)
      const dream = sentences.find((sentence) => sentence.source.includes('rêve chinois'))!
      expect(dream.target).toMatch(/Chinese dream/)
      expect(english).not.toMatch(/sleep/i)
      expect(english).toMatch(/Mr Xi/)
      expect(english).not.toMatch(/gentleman|M\. Xi/)
      expect(english).toMatch(/Nazarbaïev/)
      expect(english).not.toMatch(CATALAN_LEFTOVERS)
      expect(sentences.flatMap(({ target, source }) => marksIn(target).filter((word) => !source.includes(word)))).toEqual([])
      for (const sentence of sentences) expect(sentence.route).toMatch(/^fr-(es|ca)-en$/)
      expect(new Set(sentences.map((sentence) => sentence.route)).size).toBe(2)
    } finally {
      await core.close()
    }
  }, 180_000)

  it('writes no Catalan spelling or word-for-word idiom in the saved French pages', async () => {
    const engine = createApertiumEngine()
    try {
      const pages = join(sharedFolder(), 'pages')
      const paragraphs: string[] = []
      for (const name of await readdir(pages)) {
        const html = await readFile(join(pages, name, 'source.html')).catch(() => null)
        const lang = JSON.parse(await readFile(join(pages, name, 'CASE.json'), 'utf8').catch(() => '{}')).lang
        if (html && lang === 'fr') paragraphs.push(...extractFromHtml(decodeHtml(html)).paragraphs)
      }
      const sentences = paragraphs.flatMap(splitSentences)
      const translated = await translateAll(engine, sentences, toEnglish)
      const english = translated.map((sentence) => sentence.target).join('\n')
      expect(sentences.length).toBeGreaterThan(300)
      expect(english.match(CATALAN_LEFTOVERS)).toBeNull()
      const marked = translated.filter(({ target }, i) => marksIn(target).some((word) => !sentences[i]!.includes(word)))
      expect(marked).toEqual([])
    } finally {
      await engine.close()
    }
  }, 300_000)

  it('shows a word the pivot language left untranslated as the French word, and marks the sentence unsure', async () => {
    const engine = createApertiumEngine()
    try {
      const [sentence] = await translateAll(engine, ['Il mène une politique antiimmigration.'], toEnglish)
      const catalan = sentence!.route === 'fr-ca-en' ? sentence!.target : sentence!.alternative?.target
      expect(catalan).toMatch(/antiimmigration/)
      expect(catalan).not.toMatch(/antiimmigració/)
      expect(sentence!.unknownWords).toEqual(['antiimmigration'])
    } finally {
      await engine.close()
    }
  }, 120_000)

  it('lists the French word a pivot leftover came from, and keeps the case after a protected start', async () => {
    const engine = createApertiumEngine()
    try {
      const [kazakh, china] = await translateAll(
        engine,
        ['Il parle avec son homologue kazakh.', 'La Chine souhaite travailler.'],
        toEnglish,
      )
      expect([...(kazakh!.unknownWords ?? []), kazakh!.alternative?.target ?? '']).not.toContainEqual(expect.stringMatching(/kazak\b/))
      expect(china!.target).toMatch(/^China wishes to work/)
    } finally {
      await engine.close()
    }
  }, 120_000)

  it('keeps adjectives agreeing and moving around a stand-in noun', async () => {
    const engine = createApertiumEngine()
    try {
      const translated = await translateAll(engine, ['Les femmes politiques ont un taux élevé de réussite.'], toEnglish)
      expect(translated[0]!.target).toMatch(/political women/)
      expect(translated[0]!.target).toMatch(/high rate/)
      expect(translated[0]!.target).not.toMatch(/zebra|whale/)
      // A second noun of the same gender and number is given its English as it is.
      const [deputies] = await translateAll(engine, ['Dix députés socialistes et douze députés écologistes.'], toEnglish)
      expect(deputies!.target).toMatch(/socialist MPs/)
      expect(deputies!.target).toMatch(/twelve MPs/)
      expect(deputies!.target).not.toMatch(/deput|zebra/i)
    } finally {
      await engine.close()
    }
  }, 120_000)
})
