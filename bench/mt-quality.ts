// Translation quality: `npx tsx bench/mt-quality.ts [--show N]`. The human reference translations of
// ../shared/mt/dev-references.json (read at run time, never copied) score, in one run, the raw Apertium pipelines
// `apertium fra-cat | apertium cat-eng` and `apertium fr-es | apertium spa-eng` and the project's Apertium engine as
// shipped (sentence splitting, protection of names and numbers, both routes, clean-up), by corpus chrF++ paragraph by
// paragraph, with unknown words per 100 French words. `--show N` prints the N paragraphs where the engine loses most
// against the better raw route, to see what to work on.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createApertiumEngine } from '../main/core/translation/apertium/apertium-engine'
import { splitSentences } from '../main/core/translation/sentences'
import { translateAll } from '../main/core/translation/text-pipeline'
import { sharedFolder } from '../test/support/seed'
import { corpusChrfPlusPlus } from './lib/chrf'

interface Reference {
  case: string
  fr: string
  en: string
}

interface SystemOutput {
  name: string
  paragraphs: string[]
  unknownWords: number
}

/** A word Apertium could not translate: `*` unknown, `#` not generated, `@` not in the bilingual dictionary. */
const MARKED_WORD = /(?<=^|[\s\p{P}])[*#@]+([\p{L}\p{N}])/gu

const references: Reference[] = JSON.parse(await readFile(join(sharedFolder(), 'mt', 'dev-references.json'), 'utf8'))
const frenchWords = references.reduce((total, reference) => total + countWords(reference.fr), 0)
const showArgument = process.argv.indexOf('--show')
const show = showArgument > 0 ? Number(process.argv[showArgument + 1] ?? 10) : 0

const systems = [
  rawPipeline('raw apertium fra-cat | cat-eng', ['fra-cat', 'cat-eng']),
  rawPipeline('raw apertium fr-es | spa-eng', ['fr-es', 'spa-eng']),
  await projectEngine(),
]

console.log(`\nchrF++ on ${references.length} paragraphs (${frenchWords.toLocaleString('en')} French words), one run\n`)
console.log(`${'system'.padEnd(40)} ${'chrF++'.padStart(7)} ${'unknown/100 words'.padStart(18)}`)
for (const system of systems) {
  const score = corpusChrfPlusPlus(
    system.paragraphs,
    references.map((r) => r.en),
  )
  const unknownRate = (100 * system.unknownWords) / frenchWords
  console.log(`${system.name.padEnd(40)} ${score.toFixed(2).padStart(7)} ${unknownRate.toFixed(2).padStart(18)}`)
}
const [catalan, spanish, ours] = systems.map((system) =>
  corpusChrfPlusPlus(
    system.paragraphs,
    references.map((r) => r.en),
  ),
)
console.log(`\nengine − raw Catalan route: ${(ours! - catalan!).toFixed(2)} · engine − raw Spanish route: ${(ours! - spanish!).toFixed(2)}`)
if (show > 0) showWorstParagraphs(systems, show)

/** The raw shell pipeline, as a user would run it on a file of paragraphs separated by blank lines. */
function rawPipeline(name: string, modes: [string, string]): SystemOutput {
  const folder = mkdtempSync(join(tmpdir(), 'visavis-mt-'))
  const file = join(folder, 'french.txt')
  writeFileSync(file, references.map((r) => r.fr).join('\n\n'))
  const output = execFileSync('sh', ['-c', `apertium ${modes[0]} < '${file}' | apertium ${modes[1]}`], { encoding: 'utf8' })
  rmSync(folder, { recursive: true, force: true })
  const paragraphs = output.trim().split(/\n\s*\n/)
  if (paragraphs.length !== references.length) throw new Error(`${name} gave ${paragraphs.length} paragraphs for ${references.length}.`)
  const unknownWords = (output.match(MARKED_WORD) ?? []).length
  // Scored without the marks, as `apertium -u` prints it: what a reader would see.
  const readable = paragraphs.map((paragraph) => paragraph.replace(MARKED_WORD, '$1').replace(/\s+/g, ' ').trim())
  return { name, paragraphs: readable, unknownWords }
}

async function projectEngine(): Promise<SystemOutput> {
  const engine = createApertiumEngine()
  try {
    const paragraphs: string[] = []
    let unknownWords = 0
    for (const reference of references) {
      const sentences = await translateAll(engine, splitSentences(reference.fr), { from: 'fr', to: 'en' })
      paragraphs.push(sentences.map((sentence) => sentence.target).join(' '))
      unknownWords += sentences.reduce((total, sentence) => total + (sentence.unknownWords?.length ?? 0), 0)
    }
    return { name: "the project's Apertium engine", paragraphs, unknownWords }
  } finally {
    await engine.close()
  }
}

function showWorstParagraphs(outputs: SystemOutput[], count: number): void {
  const [catalan, spanish, ours] = outputs
  const scored = references.map((reference, i) => {
    const score = (system: SystemOutput) => corpusChrfPlusPlus([system.paragraphs[i]!], [reference.en])
    return { i, loss: Math.max(score(catalan!), score(spanish!)) - score(ours!) }
  })
  for (const { i, loss } of scored.sort((a, b) => b.loss - a.loss).slice(0, count)) {
    console.log(`\n#${i} loses ${loss.toFixed(1)}\nfr:  ${references[i]!.fr}\nref: ${references[i]!.en}`)
    console.log(`cat: ${catalan!.paragraphs[i]}\nspa: ${spanish!.paragraphs[i]}\nus:  ${ours!.paragraphs[i]}`)
  }
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}
