/**
 * Sentence splitting on real French text: the sample article, the French saved pages and the MT references of the
 * workplace's shared folder, read at run time (they belong to their publishers; nothing of them is kept here).
 *
 *   npx tsx bench/sentence-split.ts                        counts, and the sentences worth a look
 *   npx tsx bench/sentence-split.ts --print                every paragraph's split
 *   npx tsx bench/sentence-split.ts --baseline old.ts      the paragraphs another splitter cuts differently, e.g.
 *                                                          old.ts from `git show HEAD~1:main/core/translation/sentences.ts`
 */
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

import { decodeHtml } from '../main/core/import/decode'
import { extractFromHtml } from '../main/core/import/html'
import { parsePlainText } from '../main/core/import/plain-text'
import { splitSentences } from '../main/core/translation/sentences'
import { sharedFolder } from '../test/support/seed'

type Splitter = (paragraph: string) => string[]

const args = process.argv.slice(2)
const paragraphs = await frenchParagraphs()
const baselinePath = args.includes('--baseline') ? args[args.indexOf('--baseline') + 1] : undefined
const baseline: Splitter | null = baselinePath ? (await import(resolve(baselinePath))).splitSentences : null

let sentenceCount = 0
let baselineCount = 0
for (const paragraph of paragraphs) {
  const sentences = splitSentences(paragraph)
  sentenceCount += sentences.length
  if (args.includes('--print')) printSplit('¶', sentences)
  if (!baseline) continue
  const before = baseline(paragraph)
  baselineCount += before.length
  if (JSON.stringify(before) !== JSON.stringify(sentences)) {
    printSplit('--- baseline', before)
    printSplit('+++ now', sentences)
  }
}

const all = paragraphs.flatMap(splitSentences)
printSplit(
  'Possibly missed cuts (a period then a capital inside a sentence, titles and initials aside):',
  all.filter((s) => /(?:\p{L}{4,}|\P{L})[.!?…]»? [«"“]?\p{Lu}/u.test(s)),
)
printSplit(
  'Possibly wrong cuts (a sentence ending in a word of one or two letters):',
  all.filter((s) => /(?:^|[\s'’])\p{L}{1,2}\.$/u.test(s)),
)
console.log(`${paragraphs.length} paragraphs, ${sentenceCount} sentences${baseline ? ` (baseline: ${baselineCount})` : ''}`)

function printSplit(title: string, sentences: string[]) {
  console.log(title)
  for (const sentence of sentences) console.log(`  | ${sentence}`)
}

async function frenchParagraphs(): Promise<string[]> {
  const shared = sharedFolder()
  const found = parsePlainText(await readFile(join(shared, 'seeds', '000_7838cbda7f5bb796.txt'), 'utf8')).paragraphs
  for (const name of await readdir(join(shared, 'pages'))) {
    const html = await readFile(join(shared, 'pages', name, 'source.html')).catch(() => null)
    const lang = JSON.parse(await readFile(join(shared, 'pages', name, 'CASE.json'), 'utf8').catch(() => '{}')).lang
    if (html && lang === 'fr') found.push(...extractFromHtml(decodeHtml(html)).paragraphs)
  }
  const references: Array<{ fr: string }> = JSON.parse(await readFile(join(shared, 'mt', 'dev-references.json'), 'utf8'))
  found.push(...references.map((reference) => reference.fr))
  return [...new Set(found.map((paragraph) => paragraph.replace(/\s+/g, ' ').trim()))].filter(Boolean)
}
