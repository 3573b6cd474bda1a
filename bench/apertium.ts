// Apertium throughput: `npx tsx bench/apertium.ts`. The same French text (the sample article and the saved news
// pages of the shared folder, read at run time) goes through the raw shell pipeline `apertium fra-cat | apertium
// cat-eng` and through our engine as the app runs it (both routes, via Spanish and via Catalan, with the protection
// of names and numbers), in alternating rounds; then time to the first translated paragraph with warm processes, and
// the reopening of a cached article.
import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createCore } from '../main/core/core'
import { decodeHtml } from '../main/core/import/decode'
import { extractFromHtml } from '../main/core/import/html'
import { parsePlainText } from '../main/core/import/plain-text'
import { createApertiumEngine } from '../main/core/translation/apertium/apertium-engine'
import { splitSentences } from '../main/core/translation/sentences'
import { translateSentences } from '../main/core/translation/text-pipeline'
import { sharedFolder } from '../test/support/seed'
import { extractionWorkerOfSources } from '../test/support/source-worker'
import { median } from './lib/report'

const ROUNDS = 3
const pair = { from: 'fr', to: 'en' }

const paragraphs = await frenchParagraphs()
const text = paragraphs.join('\n\n')
const words = text.split(/\s+/).length
const sentences = paragraphs.flatMap(splitSentences)

// The raw pipeline reads a file, as a user would run it (the apertium script misreads a pipe from Node).
const workDir = await mkdtemp(join(tmpdir(), 'visavis-bench-'))
const textFile = join(workDir, 'french.txt')
await writeFile(textFile, text)
const rawPipeline = (file: string) => {
  const output = execFileSync('sh', ['-c', `apertium fra-cat < '${file}' | apertium cat-eng`], { maxBuffer: 64 * 1024 * 1024 })
  if (output.length < text.length / 4) throw new Error('The raw Apertium pipeline answered almost nothing: is apertium-fra-cat installed?')
}

const engine = createApertiumEngine()
await drain(engine.translate(['Échauffement.'], pair))

const raw: number[] = []
const ours: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  raw.push(time(() => rawPipeline(textFile)))
  ours.push(await timeAsync(() => drain(translateSentences(engine, sentences, pair))))
}
const paragraphFile = join(workDir, 'paragraph.txt')
const rawPerCall = await timeAsync(async () => {
  for (const paragraph of paragraphs.slice(0, 5)) {
    await writeFile(paragraphFile, paragraph)
    execFileSync('sh', ['-c', `apertium fra-cat < '${paragraphFile}' | apertium cat-eng`])
  }
})
await rm(workDir, { recursive: true, force: true })
await engine.close()

const { firstParagraphMs, cachedReopenMs, cachedReadMs, correctionMs } = await articleTimings()

const rawRate = words / (median(raw) / 1000)
const ourRate = words / (median(ours) / 1000)
console.log(
  `\nApertium fr→en (raw: fra→cat→eng; ours: fr→es→en and fr→ca→en) on ${words.toLocaleString('en')} words of French, median of ${ROUNDS} alternating rounds\n`,
)
console.log(`raw shell pipeline, whole text in one call   ${rawRate.toFixed(0).padStart(7)} words/s`)
const wordsInFive = paragraphs.slice(0, 5).join(' ').split(/\s+/).length
console.log(
  `raw shell pipeline, one call per paragraph   ${(wordsInFive / (rawPerCall / 1000)).toFixed(0).padStart(7)} words/s (${(rawPerCall / 5).toFixed(0)} ms a call)`,
)
console.log(`Vis-à-vis engine, both routes, long-lived    ${ourRate.toFixed(0).padStart(7)} words/s`)
console.log(`ratio ours / raw whole text                  ${(ourRate / rawRate).toFixed(2).padStart(7)}   (goal ≥ 0.80)`)
console.log(`\nfirst translated paragraph, warm processes   ${firstParagraphMs.toFixed(0).padStart(7)} ms`)
console.log(`reopen a translated article (cache, no engine) ${cachedReopenMs.toFixed(1).padStart(5)} ms  (translateArticle)`)
console.log(`read its translation (getTranslation)        ${cachedReadMs.toFixed(1).padStart(7)} ms`)
console.log(`glossary correction, article re-translated   ${correctionMs.toFixed(0).padStart(7)} ms  (goal ≤ 1000)`)

async function frenchParagraphs(): Promise<string[]> {
  const shared = sharedFolder()
  const seed = parsePlainText(await readFile(join(shared, 'seeds', '000_7838cbda7f5bb796.txt'), 'utf8')).paragraphs
  const pages = join(shared, 'pages')
  const fromPages: string[] = []
  for (const name of await readdir(pages)) {
    const html = await readFile(join(pages, name, 'source.html')).catch(() => null)
    const lang = JSON.parse(await readFile(join(pages, name, 'CASE.json'), 'utf8').catch(() => '{}')).lang
    if (html && lang === 'fr') fromPages.push(...extractFromHtml(decodeHtml(html)).paragraphs)
  }
  return [...seed, ...fromPages]
}

async function articleTimings() {
  const libraryDir = await mkdtemp(join(tmpdir(), 'visavis-bench-'))
  try {
    const core = await createCore({ libraryDir, extractionWorker: extractionWorkerOfSources() })
    const warm = await core.importText({ text: `Échauffement\n\n${paragraphs[1]}` })
    await finishedTranslation(core, warm.article.id)
    const seed = await core.importText({ text: await readFile(join(sharedFolder(), 'seeds', '000_7838cbda7f5bb796.txt'), 'utf8') })
    const started = performance.now()
    const first = new Promise<number>((resolve) =>
      core.subscribe((e) => e.type === 'translation.paragraph' && resolve(performance.now() - started)),
    )
    await finishedTranslation(core, seed.article.id)
    const firstParagraphMs = await first
    const cachedReopenMs = await timeAsync(() => core.translateArticle({ id: seed.article.id }))
    const cachedReadMs = await timeAsync(() => core.getTranslation({ id: seed.article.id }))
    // What the reader does after a correction: the entry saved, the article translated again (its other sentences cached).
    const correctionMs = await timeAsync(async () => {
      await core.addGlossaryEntry({ source: 'communauté de destin', target: 'community with a shared future', from: 'fr', to: 'en' })
      await finishedTranslation(core, seed.article.id)
    })
    if (!JSON.stringify(await core.getTranslation({ id: seed.article.id })).includes('community with a shared future'))
      throw new Error('The glossary correction did not reach the translation.')
    await core.close()
    return { firstParagraphMs, cachedReopenMs, cachedReadMs, correctionMs }
  } finally {
    await rm(libraryDir, { recursive: true, force: true })
  }
}

async function finishedTranslation(core: Awaited<ReturnType<typeof createCore>>, id: string): Promise<void> {
  const done = new Promise<void>((resolve) => core.subscribe((e) => e.type === 'translation.finished' && resolve()))
  const job = await core.translateArticle({ id })
  if (job.jobId) await done
}

async function drain(results: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of results);
}

function time(work: () => unknown): number {
  const started = performance.now()
  work()
  return performance.now() - started
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}
