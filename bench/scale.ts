// Library at scale: `npx tsx bench/scale.ts [articles]` (default 10,000). Imports generated French-like articles the
// way a folder import does (batches of 50 through the contract), then measures the library as the app uses it, in a
// fresh plain-Node process. Each figure is printed beside its goal, with the ratio (above 1 is better than the goal).
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { build } from 'esbuild'

import { extractionWorkerOfSources } from '../test/support/source-worker'
import { importGeneratedArticles } from './lib/generated-library'
import { report } from './lib/report'

const count = Number(process.argv[2] ?? 10_000)
const workDir = await mkdtemp(join(tmpdir(), 'visavis-scale-'))
const libraryDir = join(workDir, 'library')

try {
  const importRate = await importGeneratedArticles(libraryDir, count)
  const measured = await measureInFreshProcess()
  console.log(`\nLibrary of ${count.toLocaleString('en')} generated French-like articles\n`)
  report([
    ['import rate (articles/s)', importRate, 200, 'higher'],
    ['open the library, cold (ms)', measured.openMs, null, 'lower'],
    ['list articles (ms)', measured.listMs, null, 'lower'],
    [`search p50 (ms; ${measured.averageHits.toFixed(1)} hits/query)`, measured.searchP50, null, 'lower'],
    ['search p95 (ms)', measured.searchP95, 20, 'lower'],
    ['open article p50 (ms)', measured.openArticleP50, null, 'lower'],
    ['open article p95 (ms)', measured.openArticleP95, 100, 'lower'],
    ['open article, slowest (ms)', measured.openArticleMax, 100, 'lower'],
    ['memory: RSS, library open (MB)', measured.rssMb, 250, 'lower'],
  ])
} finally {
  await rm(workDir, { recursive: true, force: true })
}

async function measureInFreshProcess() {
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
    }),
  )
}
