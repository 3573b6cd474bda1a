// The one test command (`npm test`): builds, runs the unit tests (vitest) and the end-to-end tests (Playwright),
// prints why anything was skipped, and ends with one line "N passed, N failed" summing all suites.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const reports = join(root, '.test-output')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`)
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status
}

if (run('npx', ['electron-vite', 'build']) !== 0) {
  console.log('The build failed.\n0 passed, 1 failed')
  process.exit(1)
}

const vitestReport = join(reports, 'vitest.json')
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`])

const playwrightReport = join(reports, 'playwright.json')
const chromium = process.env.VISAVIS_CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(chromium))
  console.log(`\nChromium is missing at ${chromium}: install it (apt-get install chromium) or set VISAVIS_CHROMIUM.`)
run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport })

const totals = { passed: 0, failed: 0, skipped: 0 }
const skips = []

function readReport(path, suite) {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'))
  console.log(`${suite} wrote no report: counted as one failure.`)
  totals.failed += 1
  return null
}

const vitest = readReport(vitestReport, 'vitest')
if (vitest) {
  totals.passed += vitest.numPassedTests
  totals.failed += vitest.numFailedTests + (vitest.numFailedTestSuites > 0 && vitest.numFailedTests === 0 ? 1 : 0)
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests
}

const playwright = readReport(playwrightReport, 'playwright')
if (playwright) {
  totals.passed += playwright.stats.expected + playwright.stats.flaky
  totals.failed += playwright.stats.unexpected + (playwright.errors?.length ?? 0)
  totals.skipped += playwright.stats.skipped
  collectSkips(playwright.suites ?? [])
}

function collectSkips(suites, path = []) {
  for (const suite of suites) {
    const here = suite.title && !suite.title.endsWith('.ts') ? [...path, suite.title] : path
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const skip = t.annotations?.find((a) => a.type === 'skip')
        if (t.status === 'skipped') skips.push(`${[...here, spec.title].join(' › ')}: ${skip?.description || 'no reason given'}`)
      }
    }
    collectSkips(suite.suites ?? [], here)
  }
}

console.log('')
for (const skip of skips) console.log(`skipped: ${skip}`)
if (totals.skipped > 0) console.log(`${totals.skipped} skipped`)
console.log(`${totals.passed} passed, ${totals.failed} failed`)
process.exit(totals.failed > 0 ? 1 : 0)
