// CLI start-up: `npx tsx bench/cli-startup.ts [rounds]` (default 15). Times the built `visavis` (run `npx electron-vite
// build` first) against a bare `node -e 0`, in interleaved rounds so every command sees the same machine, and prints
// each command's median wall time as a multiple of node's, beside its goal.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { importGeneratedArticles } from './lib/generated-library'
import { median, report } from './lib/report'

const ROUNDS = Number(process.argv[2] ?? 15)
const LIBRARY_SIZE = 1000
const root = join(import.meta.dirname, '..')
const bin = join(root, 'bin/visavis.js')
const page = join(root, 'test/fixtures/structured-page.html')

const workDir = await mkdtemp(join(tmpdir(), 'visavis-cli-startup-'))
// Settings and models of a fresh user, not the person's running the bench.
const env = { ...process.env, VISAVIS_USER_DATA: join(workDir, 'user-data') }
const library = join(workDir, 'library')

interface Command {
  name: string
  goal: number
  /** The arguments of one run; a fresh library for commands that write. */
  args: (round: number) => string[]
}

const commands: Command[] = [
  { name: '--help', goal: 1.5, args: () => [bin, '--help'] },
  {
    name: `list --json, ${LIBRARY_SIZE.toLocaleString('en')} articles`,
    goal: 2.5,
    args: () => [bin, 'list', '--json', '--library', library],
  },
  {
    name: 'import <page>, fresh library',
    goal: 4,
    args: (round) => [bin, 'import', page, '--library', join(workDir, `fresh-${round}`)],
  },
]

try {
  await importGeneratedArticles(library, LIBRARY_SIZE)
  const bareNode = () => timeRun(['-e', '0'])
  bareNode() // warm the file cache before the first timed round
  for (const command of commands) timeRun(command.args(-1))
  const nodeTimes: number[] = []
  const commandTimes = commands.map((): number[] => [])
  for (let round = 0; round < ROUNDS; round++) {
    nodeTimes.push(bareNode())
    commands.forEach((command, i) => commandTimes[i]!.push(timeRun(command.args(round))))
  }
  const nodeMs = median(nodeTimes)
  console.log(`\nvisavis start-up, median of ${ROUNDS} interleaved rounds; node -e 0 takes ${nodeMs.toFixed(0)} ms\n`)
  report(
    commands.map((command, i) => [`visavis ${command.name} (× node)`, median(commandTimes[i]!) / nodeMs, command.goal, 'lower']),
    { digits: 2 },
  )
} finally {
  await rm(workDir, { recursive: true, force: true })
}

function timeRun(args: string[]): number {
  const started = performance.now()
  execFileSync(process.execPath, args, { env, stdio: 'ignore' })
  return performance.now() - started
}
