import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { createModelManager } from '../../../main/core/translation/bergamot/model-manager'
import { splitSentences } from '../../../main/core/translation/sentences'
import { VISAVIS_FROM_SOURCES } from '../../support/cli-from-sources'
import { SEED_PATH } from '../../support/seed'
import { useTempDirs } from '../../support/temp-dir'
import { realModelsSource } from '../../support/tiny-bergamot-model'

/** The built CLI translating the sample article with the real Bergamot engine and the generated tiny model. */

const run = promisify(execFile)

interface TranslatedParagraph {
  id: string
  source: string
  translation: string
  sentences: { source: string; target: string }[]
}

async function visavis(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [VISAVIS_FROM_SOURCES, ...args], { maxBuffer: 10 * 1024 * 1024 })
}

describe('visavis translate and retranslate with Bergamot', () => {
  const tempDir = useTempDirs()

  it('translates the sample into one target per source sentence, caches it, and translates one sentence again', async () => {
    const userData = await tempDir()
    await createModelManager({ modelsDir: join(userData, 'models') }).importFromFolder(await realModelsSource(tempDir))
    const common = ['--user-data', userData]
    const { article } = JSON.parse((await visavis(['import', SEED_PATH, '--json', ...common])).stdout)
    const translate = ['translate', article.id, '--engine', 'bergamot', '--to', 'en', '--json', ...common]

    const first = await visavis(translate)
    expect(first.stderr).toContain('Translated 16/16 paragraphs')
    const result = JSON.parse(first.stdout) as { engine: string; model: string; paragraphs: TranslatedParagraph[] }
    expect(result.engine).toBe('bergamot')
    expect(result.paragraphs).toHaveLength(16)
    for (const paragraph of result.paragraphs) {
      expect(paragraph.sentences.map((sentence) => sentence.source)).toEqual(splitSentences(paragraph.source))
      for (const { target } of paragraph.sentences) expect(target.trim()).not.toBe('')
      expect(paragraph.translation.trim()).not.toBe('')
    }

    const second = await visavis(translate)
    expect(second.stderr).toContain('All 16 paragraphs come from the cache (bergamot')
    expect(second.stdout).toBe(first.stdout)

    const retranslate = ['retranslate', article.id, '--paragraph', '5', '--sentence', '2', '--engine', 'bergamot', '--to', 'en', '--json']
    const again = await visavis([...retranslate, ...common])
    const [kept, retranslated] = result.paragraphs[4]!.sentences
    expect(JSON.parse(again.stdout)).toMatchObject({
      paragraphId: 'p5',
      sentences: [
        { source: kept!.source, target: kept!.target },
        { source: retranslated!.source, target: expect.stringMatching(/\S/) },
      ],
    })

    // Retranslating asks the engine, never the cache: without the model it fails, where translate reads the cache,
    // retranslated sentence included.
    for (const name of result.model.split('+')) await visavis(['models', 'delete', name, ...common])
    await expect(visavis([...retranslate, ...common])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/The bergamot engine cannot translate fr into en here/),
    })
    const third = await visavis(translate)
    expect(third.stderr).toContain('All 16 paragraphs come from the cache (bergamot')
    const saved = (JSON.parse(third.stdout) as { paragraphs: TranslatedParagraph[] }).paragraphs[4]!.sentences[1]!
    expect(saved.target).toBe(JSON.parse(again.stdout).sentences[1].target)
  }, 120_000)
})
