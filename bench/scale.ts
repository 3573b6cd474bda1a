// Library at scale: `npx tsx bench/scale.ts [articles…]` (default 1000 10000 100000). For each size, imports
// generated French-like articles the way a folder import does (batches of 50 through the contract), then measures the
// library as the app uses it, in a fresh plain-Node process. One table: a column per size, each figure beside its
// goal (met or not at every size), so the growth from size to size reads across a row.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { build } from 'esbuild'

import { extractionWorkerOfSources } from '../test/support/source-worker'
import { importGeneratedArticles } from './lib/generated-library'

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1_000, 10_000, 100_000]

interface Measured {
  importRate: number
  openMs: number
  listMs: number
  averageHits: number
  searchP50: number
  searchP95: number
  openArticleP50: number
  openArticleP95: number
  openArticleMax: number
  positionWrites: { p50: number; p95: number }
  tagWrites: { p50: number; p95: number }
  noteWrites: { p50: number; p95: number }
  rssMb: number
}

type Row = [name: string, value: (m: Measured) => number, goal: number | null, better: 'higher' | 'lower']

const ROWS: Row[] = [
  ['import rate (articles/s)', (m) => m.importRate, 300, 'higher'],
  ['open the library, cold (ms)', (m) => m.openMs, 1500, 'lower'],
  ['list articles (ms)', (m) => m.listMs, 100, 'lower'],
  ['search p50 (ms)', (m) => m.searchP50, null, 'lower'],
  ['search p95 (ms)', (m) => m.searchP95, 30, 'lower'],
  ['search hits per query', (m) => m.averageHits, null, 'higher'],
  ['open article p50 (ms)', (m) => m.openArticleP50, null, 'lower'],
  ['open article p95 (ms)', (m) => m.openArticleP95, 50, 'lower'],
  ['reading position saved p50 (ms)', (m) => m.positionWrites.p50, null, 'lower'],
  ['reading position saved p95 (ms)', (m) => m.positionWrites.p95, 20, 'lower'],
  ['tags changed p50 (ms)', (m) => m.tagWrites.p50, null, 'lower'],
  ['tags changed p95 (ms)', (m) => m.tagWrites.p95, null, 'lower'],
  ['note added p50 (ms)', (m) => m.noteWrites.p50, null, 'lower'],
  ['note added p95 (ms)', (m) => m.noteWrites.p95, null, 'lower'],
  ['memory: RSS, library open (MB)', (m) => m.rssMb, 600, 'lower'],
]

const results: Measured[] = []
for (const count of sizes) results.push(await measureLibraryOf(count))
printTable()

async function measureLibraryOf(count: number): Promise<Measured> {
  const workDir = await mkdtemp(join(tmpdir(), 'visavis-scale-'))
  const libraryDir = join(workDir, 'library')
  try {
    const importRate = await importGeneratedArticles(libraryDir, count)
    console.error(`${count.toLocaleString('en')} articles imported (${importRate.toFixed(0)}/s); measuring…`)
    return { importRate, ...(await measureInFreshProcess(libraryDir, count)) }
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

async function measureInFreshProcess(libraryDir: string, count: number) {
  // Inside the project, so the bundle's external packages resolve from node_modules.
  const bundle = join(import.meta.dirname, '../node_modules/.cache/visavis-bench/scale-measure.mjs')
  await build({
    entryPoints: [join(import.meta.dirname, 'scale-measure.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  })
  return JSON.parse(
    execFileSync(process.execPath, [bundle, libraryDir, String(count), extractionWorkerOfSources()], {
      encoding: 'utf8',
      cwd: join(import.meta.dirname, '..'),
      maxBuffer: 16 * 1024 * 1024,
    }),
  )
}

function printTable(): void {
  const width = 12
  const header = sizes.map((count) => `${count.toLocaleString('en')} art.`.padStart(width)).join('')
  console.log(`\n${'figure'.padEnd(34)}${header}${'goal'.padStart(8)}  met at every size`)
  for (const [name, value, goal, better] of ROWS) {
    const values = results.map(value)
    const meets = (v: number) => (better === 'higher' ? v >= goal! : v <= goal!)
    const met = goal === null ? '' : values.every(meets) ? 'yes' : 'NO'
    console.log(`${name.padEnd(34)}${values.map((v) => v.toFixed(1).padStart(width)).join('')}${String(goal ?? '').padStart(8)}  ${met}`)
  }
  // The write a reader makes most must not grow with the library: each size's p95 ÷ the smallest size's.
  const first = results[0]!.positionWrites.p95
  const growth = results.map((m) => m.positionWrites.p95 / first)
  const grew = growth.every((ratio) => ratio <= 2) ? 'yes' : 'NO'
  console.log(
    `${'position p95 ÷ smallest size’s'.padEnd(34)}${growth.map((r) => `${r.toFixed(2)}×`.padStart(width)).join('')}${'2×'.padStart(8)}  ${grew}`,
  )
}
