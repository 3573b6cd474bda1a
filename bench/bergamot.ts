// Bergamot throughput: `npx tsx bench/bergamot.ts`. The sample article's sentences (read at run time from the shared
// folder) go through the tiny generated model (scripts/make-test-model.ts) twice per round, in alternating rounds: once
// through our engine, once through the package's own BatchTranslator (@browsermt/bergamot-translator's translator.js).
// Both run the same WASM in one worker thread, started by the same Node shim; what differs is batching and messaging.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker as NodeWorker } from 'node:worker_threads'

import { BatchTranslator, TranslatorBacking } from '@browsermt/bergamot-translator/translator.js'

import { parsePlainText } from '../main/core/import/plain-text'
import { createBergamotEngine } from '../main/core/translation/bergamot/bergamot-engine'
import { locateBergamotPackage, WORKER_BOOTSTRAP } from '../main/core/translation/bergamot/bergamot-worker'
import { createModelManager } from '../main/core/translation/bergamot/model-manager'
import type { InstalledModel } from '../main/core/translation/bergamot/model-manifest'
import { splitSentences } from '../main/core/translation/sentences'
import { SEED_PATH } from '../test/support/seed'
import { writeTinyBergamotModel } from '../test/support/tiny-bergamot-model'
import { median } from './lib/report'

const ROUNDS = 6
/** The sample has 19 sentences: each round translates them this many times, enough to time. */
const REPEATS = 8
const pair = { from: 'fr', to: 'en' }

const paragraphs = parsePlainText(await readFile(SEED_PATH, 'utf8')).paragraphs
const sentences = Array.from({ length: REPEATS }, () => paragraphs.flatMap(splitSentences)).flat()
const words = sentences.join(' ').split(/\s+/).length

const workDir = await mkdtemp(join(tmpdir(), 'visavis-bench-bergamot-'))
await writeTinyBergamotModel(join(workDir, 'source', 'fren'))
const modelsDir = join(workDir, 'models')
const [model] = await createModelManager({ modelsDir }).importFromFolder(join(workDir, 'source'))

const engine = createBergamotEngine({ modelsDir })
const theirs = packageTranslator(model!)
const ourTranslations = async () => {
  const targets: string[] = []
  for await (const { target } of engine.translate(sentences, pair)) targets.push(target)
  return targets
}
const theirTranslations = async () => {
  const responses = await Promise.all(sentences.map((text) => theirs.translate({ ...pair, text, html: false, qualityScores: false })))
  return responses.map((response) => response.target.text)
}

// Warm-up: start each worker, load the model, let V8 compile the WASM fully; the outputs must agree, batch for batch.
const same = JSON.stringify(await ourTranslations()) === JSON.stringify(await theirTranslations())
await ourTranslations()
await theirTranslations()
const ours: number[] = []
const package_: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  // Each goes first every other round, so neither always inherits a warmer machine.
  const timeOurs = async () => ours.push(await timeAsync(ourTranslations))
  const timeTheirs = async () => package_.push(await timeAsync(theirTranslations))
  for (const timing of round % 2 === 0 ? [timeOurs, timeTheirs] : [timeTheirs, timeOurs]) await timing()
}
await engine.close()
await theirs.delete()
await rm(workDir, { recursive: true, force: true })

const ourRate = words / (median(ours) / 1000)
const theirRate = words / (median(package_) / 1000)
console.log(
  `\nBergamot fr→en, tiny generated model, ${sentences.length} sentences (${words.toLocaleString('en')} words), median of ${ROUNDS} alternating rounds\n`,
)
console.log(`package's BatchTranslator     ${theirRate.toFixed(0).padStart(7)} words/s`)
console.log(`Vis-à-vis engine              ${ourRate.toFixed(0).padStart(7)} words/s`)
console.log(`ratio ours / package          ${(ourRate / theirRate).toFixed(2).padStart(7)}   (goal ≥ 0.95)`)
console.log(`same translations            ${same ? '    yes' : '     NO'}`)

/** The package's BatchTranslator over the installed model's files, its worker started by our Node shim. */
function packageTranslator(installed: InstalledModel) {
  class LocalBacking extends TranslatorBacking {
    async loadModelRegistery() {
      return []
    }

    async getModels() {
      return [pair]
    }

    async loadTranslationModel() {
      const read = async (name: string) => {
        const bytes = await readFile(join(installed.dir, name))
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      }
      const { files } = installed
      return {
        model: await read(files.model.name),
        shortlist: await read(files.lex.name),
        vocabs: [await read(files.vocab!.name)],
        config: { 'gemm-precision': 'int8' },
      }
    }
  }
  const files = locateBergamotPackage()
  // translator.js runs its worker through `new Worker(url)`; in Node, the package's own worker script needs our shim.
  class NodeWorkerAsWebWorker {
    readonly #worker = new NodeWorker(WORKER_BOOTSTRAP, { eval: true, workerData: files })
    addEventListener(event: string, callback: (message: { data: unknown }) => void) {
      this.#worker.on(event, (data) => callback({ data }))
    }
    postMessage(message: unknown) {
      this.#worker.postMessage(message)
    }
    terminate() {
      void this.#worker.terminate()
    }
  }
  Object.assign(globalThis, { Worker: NodeWorkerAsWebWorker })
  const options = { workers: 1, batchSize: 8, cacheSize: 0, useNativeIntGemm: false }
  return new BatchTranslator(options, new LocalBacking(options))
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}
