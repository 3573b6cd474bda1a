import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createBergamotEngine } from '../../../main/core/translation/bergamot/bergamot-engine'
import { createModelManager } from '../../../main/core/translation/bergamot/model-manager'
import { useTempDirs } from '../../support/temp-dir'

/**
 * Real translations need real model files, which cannot be fetched here. Point VISAVIS_BERGAMOT_MODELS at a folder
 * holding a model from French (a folder such as the Firefox Translations "fren" one, or a folder of such folders,
 * or a models folder Vis-à-vis installed) to run these tests.
 */
const MODELS = process.env.VISAVIS_BERGAMOT_MODELS
const skipReason = !MODELS
  ? 'VISAVIS_BERGAMOT_MODELS is not set (point it at a folder of real Bergamot models to run it)'
  : !existsSync(MODELS)
    ? `VISAVIS_BERGAMOT_MODELS points at ${MODELS}, which does not exist`
    : null
if (skipReason) console.log(`Skipping the real Bergamot translation tests: ${skipReason}.`)

const SENTENCES = ['Le chat dort sur le canapé.', 'Il fait beau aujourd’hui à Paris.', 'Les enfants lisent un livre à la bibliothèque.']

describe('Bergamot with a real model', () => {
  const tempDir = useTempDirs()

  async function engineOverRealModels(batchSize?: number) {
    const modelsDir = await tempDir()
    await createModelManager({ modelsDir }).importFromFolder(MODELS!)
    const engine = createBergamotEngine({ modelsDir, ...(batchSize ? { batchSize } : {}) })
    const pairs = await engine.pairs()
    const pair = pairs.find((p) => p.from === 'fr' && p.to === 'en') ?? pairs.find((p) => p.from === 'fr')
    if (!pair) throw new Error(`${MODELS} holds no model from French; found ${pairs.map((p) => `${p.from}→${p.to}`).join(', ') || 'none'}`)
    return { engine, pair }
  }

  it.skipIf(skipReason !== null)(
    'translates French sentences, sentence i giving result i',
    async () => {
      const { engine, pair } = await engineOverRealModels()
      try {
        const results = []
        for await (const sentence of engine.translate(SENTENCES, pair)) results.push(sentence)
        for (const { index, target } of results) console.log(`${pair.from}→${pair.to} ${SENTENCES[index]} → ${target}`)

        expect(results.map((r) => r.index)).toEqual([0, 1, 2])
        for (const { index, target } of results) {
          expect(target.trim()).not.toBe('')
          expect(target).not.toBe(SENTENCES[index])
        }
        if (pair.to === 'en') expect(results[0]!.target).toMatch(/\bcat\b/i)
        console.log(`identity: ${JSON.stringify(await engine.identity(pair))}`)
      } finally {
        await engine.close()
      }
    },
    120_000,
  )

  it.skipIf(skipReason !== null)(
    'stops on abort and keeps translating afterwards',
    async () => {
      const { engine, pair } = await engineOverRealModels(1)
      try {
        const controller = new AbortController()
        const many = Array.from({ length: 30 }, (_, i) => `${SENTENCES[i % 3]}`)
        const seen: number[] = []
        const run = async () => {
          for await (const sentence of engine.translate(many, pair, controller.signal)) {
            seen.push(sentence.index)
            controller.abort()
          }
        }
        await expect(run()).rejects.toMatchObject({ name: 'AbortError' })
        expect(seen).toEqual([0])

        const again = []
        for await (const sentence of engine.translate(SENTENCES.slice(0, 1), pair)) again.push(sentence)
        expect(again).toHaveLength(1)
        expect(engine.workersStarted).toBe(1)
      } finally {
        await engine.close()
      }
    },
    120_000,
  )
})
