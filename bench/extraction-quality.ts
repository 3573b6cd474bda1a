/**
 * Extraction quality: plain Readability (over linkedom) against the Vis-à-vis HTML importer, on the real French
 * pages of the workplace's shared folder (pages/ in $VISAVIS_SHARED, in a shared/ folder beside the checkout, or in
 * /work/shared; $PAGES_DIR names the pages folder itself). The pages belong to their publishers: they are read at run
 * time and nothing of them is kept in the project.
 *
 *   npx tsx bench/extraction-quality.ts            one table, then a line per failing case
 *   npx tsx bench/extraction-quality.ts --rounds 5 more timing rounds
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'

import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { detect } from 'tinyld'

import { decodeHtml } from '../main/core/import/decode'
import { extractFromHtml } from '../main/core/import/html'

const PAGES_DIR = process.env['PAGES_DIR'] ?? findPagesDir()

const roundsFlag = process.argv.indexOf('--rounds')
const ROUNDS = roundsFlag > 0 ? Math.max(1, Number(process.argv[roundsFlag + 1]) || 3) : 3

function findPagesDir(): string {
  const ancestors: string[] = []
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    ancestors.push(join(dir, 'shared'))
    if (dirname(dir) === dir) break
  }
  const candidates = [process.env['VISAVIS_SHARED'], ...ancestors, '/work/shared'].filter((dir): dir is string => !!dir)
  const found = candidates.map((dir) => join(dir, 'pages')).find((dir) => existsSync(dir))
  if (!found) throw new Error('The shared pages/ folder was not found: set VISAVIS_SHARED (or PAGES_DIR) to its path.')
  return found
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

interface Case {
  id: string
  html: string
  french: boolean
  lang: string
  expectedText: string | null
  title: string | null
  withSnippets: string[]
  withoutSnippets: string[]
  goosePrefix: string | null
  first13: string | null
}

function readJson(path: string): Record<string, unknown> | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : null
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

function loadCases(): Case[] {
  const ids = readdirSync(PAGES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(PAGES_DIR, entry.name, 'source.html')))
    .map((entry) => entry.name)
    .sort()
  return ids.map((id) => {
    const dir = join(PAGES_DIR, id)
    const info = readJson(join(dir, 'CASE.json')) ?? {}
    const lang = str(info['lang']) ?? ''
    const metadata = readJson(join(dir, 'expected-metadata.json'))
    const snippetsFile = readJson(join(dir, 'expected-snippets.json'))
    const snippets = snippetsFile ? ((Object.values(snippetsFile)[0] as Record<string, unknown> | undefined) ?? {}) : {}
    const fields = readJson(join(dir, 'expected-fields.json'))
    const upstream = readJson(join(dir, 'upstream-expected.json'))
    const gooseExpected = (upstream?.['expected'] as Record<string, unknown> | undefined) ?? {}
    const expectedHtmlPath = join(dir, 'expected.html')
    return {
      id,
      html: decodeHtml(readFileSync(join(dir, 'source.html'))),
      french: typeof info['french'] === 'boolean' ? info['french'] : lang.toLowerCase().startsWith('fr'),
      lang,
      expectedText: existsSync(expectedHtmlPath) ? textOfFragment(readFileSync(expectedHtmlPath, 'utf8')) : null,
      title: str(metadata?.['title']) ?? str(snippets['title']) ?? str(fields?.['title']) ?? str(gooseExpected['title']),
      withSnippets: strings(snippets['with']),
      withoutSnippets: strings(snippets['without']),
      goosePrefix: str(gooseExpected['cleaned_text']),
      first13: str(fields?.['content_first_13_words']),
    }
  })
}

function textOfFragment(fragment: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${fragment}</body></html>`) as unknown as {
    document: { body: { textContent: string | null } | null }
  }
  return document.body?.textContent ?? ''
}

// ---------------------------------------------------------------------------------------------------------------
// The two extractors

interface Output {
  title: string
  text: string
  french: boolean
}

interface Extractor {
  name: string
  run(html: string): Output
}

const plainReadability: Extractor = {
  name: 'Readability over linkedom (plain)',
  run(html) {
    const { document } = parseHTML(html) as unknown as {
      document: { documentElement: { getAttribute(name: string): string | null } | null }
    }
    const declared = document.documentElement?.getAttribute('lang') ?? null
    const article = new Readability(document as never).parse()
    const lang = declared && declared.trim() !== '' ? declared : (article?.lang ?? '')
    return {
      title: article?.title ?? '',
      text: article?.textContent ?? '',
      french: lang.trim().toLowerCase().startsWith('fr'),
    }
  },
}

const importer: Extractor = {
  name: 'Vis-à-vis importer',
  run(html) {
    const extraction = extractFromHtml(html)
    const text = extraction.paragraphs.join('\n')
    return { title: extraction.title, text, french: detect(text.slice(0, 5000)) === 'fr' }
  },
}

// ---------------------------------------------------------------------------------------------------------------
// Measures

function collapse(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function tokens(text: string): string[] {
  return (
    collapse(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
}

interface F1 {
  f1: number
  missing: string[]
  extra: string[]
}

function tokenF1(got: string, expected: string): F1 {
  const counts = new Map<string, number>()
  const expectedTokens = tokens(expected)
  const gotTokens = tokens(got)
  for (const token of expectedTokens) counts.set(token, (counts.get(token) ?? 0) + 1)
  let common = 0
  const extra: string[] = []
  for (const token of gotTokens) {
    const left = counts.get(token) ?? 0
    if (left > 0) {
      common++
      counts.set(token, left - 1)
    } else extra.push(token)
  }
  const missing = [...counts].flatMap(([token, left]) => Array<string>(left).fill(token))
  if (common === 0) return { f1: 0, missing, extra }
  const precision = common / gotTokens.length
  const recall = common / expectedTokens.length
  return { f1: (2 * precision * recall) / (precision + recall), missing, extra }
}

function firstWords(text: string, count: number): string {
  return collapse(text).split(' ').slice(0, count).join(' ')
}

interface Tally {
  hits: number
  total: number
}

interface Scores {
  f1: number[]
  withFound: Tally
  withoutLeaked: Tally
  titles: Tally
  goose: Tally
  postlight: Tally
  french: Tally
  pagesPerSecond: number
  failures: string[]
}

function score(extractor: Extractor, cases: Case[]): Scores {
  const scores: Scores = {
    f1: [],
    withFound: { hits: 0, total: 0 },
    withoutLeaked: { hits: 0, total: 0 },
    titles: { hits: 0, total: 0 },
    goose: { hits: 0, total: 0 },
    postlight: { hits: 0, total: 0 },
    french: { hits: 0, total: 0 },
    pagesPerSecond: 0,
    failures: [],
  }
  const fail = (id: string, message: string) => scores.failures.push(`  ${id}: ${message}`)

  for (const page of cases) {
    const output = extractor.run(page.html)
    const text = collapse(output.text)

    if (page.expectedText !== null) {
      const result = tokenF1(output.text, page.expectedText)
      scores.f1.push(result.f1)
      if (result.f1 < 0.9995) {
        fail(
          page.id,
          `token F1 ${result.f1.toFixed(3)} (missing ${result.missing.length}: ${sample(result.missing)}; ` +
            `extra ${result.extra.length}: ${sample(result.extra)})`,
        )
      }
    }
    for (const snippet of page.withSnippets) {
      scores.withFound.total++
      if (text.includes(collapse(snippet))) scores.withFound.hits++
      else fail(page.id, `"with" snippet not found: ${JSON.stringify(snippet)}`)
    }
    for (const snippet of page.withoutSnippets) {
      scores.withoutLeaked.total++
      if (text.includes(collapse(snippet))) {
        scores.withoutLeaked.hits++
        fail(page.id, `"without" snippet leaked: ${JSON.stringify(snippet)}`)
      }
    }
    if (page.title !== null) {
      scores.titles.total++
      if (collapse(output.title) === collapse(page.title)) scores.titles.hits++
      else fail(page.id, `title ${JSON.stringify(collapse(output.title))}, expected ${JSON.stringify(collapse(page.title))}`)
    }
    if (page.goosePrefix !== null) {
      scores.goose.total++
      if (text.startsWith(collapse(page.goosePrefix))) scores.goose.hits++
      else fail(page.id, `goose3 prefix not matched; text starts ${JSON.stringify(text.slice(0, 80))}`)
    }
    if (page.first13 !== null) {
      scores.postlight.total++
      if (firstWords(text, 13) === collapse(page.first13)) scores.postlight.hits++
      else fail(page.id, `first 13 words ${JSON.stringify(firstWords(text, 13))}`)
    }
    if (page.french) {
      scores.french.total++
      if (output.french) scores.french.hits++
      else fail(page.id, `French page (${page.lang}) not detected as French`)
    } else if (output.french) {
      fail(page.id, `${page.lang} page detected as French`)
    }
  }

  return scores
}

/**
 * Pages per second for each extractor, after the scoring pass above has warmed them up. The extractors take turns
 * page by page (in alternating order from round to round), so that a busy machine slows both rows alike.
 */
function measureSpeed(list: Extractor[], pages: Case[]): number[] {
  const elapsed = list.map(() => 0)
  for (let round = 0; round < ROUNDS; round++) {
    for (const page of pages) {
      const order = round % 2 === 0 ? list.map((_, i) => i) : list.map((_, i) => list.length - 1 - i)
      for (const i of order) {
        const started = performance.now()
        list[i]!.run(page.html)
        elapsed[i]! += performance.now() - started
      }
    }
  }
  return elapsed.map((ms) => (ROUNDS * pages.length) / (ms / 1000))
}

function sample(words: string[]): string {
  return words.length === 0 ? '-' : words.slice(0, 12).join(' ') + (words.length > 12 ? ' …' : '')
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function percent(tally: Tally): string {
  return tally.total === 0 ? 'n/a' : `${((100 * tally.hits) / tally.total).toFixed(1)} % (${tally.hits}/${tally.total})`
}

function mean(values: number[]): string {
  return values.length === 0 ? 'n/a' : (values.reduce((a, b) => a + b, 0) / values.length).toFixed(4)
}

function table(rows: { name: string; scores: Scores }[]): string {
  const header = [
    'extractor',
    'token F1 vs expected.html',
    '`with` found',
    '`without` leaked',
    'titles exact',
    'goose3 prefix',
    'postlight 13 words',
    'French detected',
    'pages/s',
  ]
  const lines = rows.map(({ name, scores }) => [
    name,
    mean(scores.f1),
    percent(scores.withFound),
    percent(scores.withoutLeaked),
    percent(scores.titles),
    percent(scores.goose),
    percent(scores.postlight),
    percent(scores.french),
    scores.pagesPerSecond.toFixed(1),
  ])
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]!.length)))
  const format = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n')
}

const cases = loadCases()
if (cases.length === 0) {
  console.error(`No cases found in ${PAGES_DIR}.`)
  process.exit(1)
}
const extractors = [plainReadability, importer]
const rows = extractors.map((extractor) => ({ name: extractor.name, scores: score(extractor, cases) }))
const speeds = measureSpeed(extractors, cases)
rows.forEach((row, i) => (row.scores.pagesPerSecond = speeds[i]!))

console.log(
  `Extraction quality on ${cases.length} pages from ${PAGES_DIR} (speed: ${ROUNDS} timed rounds after a warm-up, extractors taking turns page by page)\n`,
)
console.log(table(rows))
for (const { name, scores } of rows) {
  console.log(`\n${name}: ${scores.failures.length === 0 ? 'no failures' : 'failures'}`)
  for (const line of scores.failures) console.log(line)
}
