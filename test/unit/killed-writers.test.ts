import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { VISAVIS_FROM_SOURCES } from '../support/cli-from-sources'
import { readIndexOnDisk } from '../support/library-index'
import { useLibraries } from '../support/temp-dir'

const KILLS = 40
/** Writers started together in a round; half of them are killed, the other half left to finish. */
const PARALLEL = 4

interface Outcome {
  acknowledged: boolean
  killed: boolean
  ms: number
  /** What a writer that was not killed said when it failed. */
  stderr?: string
}

/** Runs one CLI writer; SIGKILLs it after `killAfterMs` (if given) unless it finished (acknowledged its write) before. */
function writer(args: string[], stdin: string | null, killAfterMs: number | null): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [VISAVIS_FROM_SOURCES, ...args], {
      stdio: [stdin === null ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    if (stdin !== null) child.stdin!.end(stdin)
    let killed = false
    const timer =
      killAfterMs === null
        ? undefined
        : setTimeout(() => {
            killed = true
            child.kill('SIGKILL')
          }, killAfterMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      const acknowledged = !killed && code === 0
      resolve({ acknowledged, killed, ms: Date.now() - started, ...(!acknowledged && !killed && { stderr }) })
    })
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

describe('writers killed at random moments', () => {
  const { tempDir, openCore } = useLibraries()

  it(`lose no acknowledged write over ${KILLS} SIGKILLs, and the library still opens`, { timeout: 600_000 }, async () => {
    const libraryDir = await tempDir()
    const userData = await tempDir()
    const common = ['--library', libraryDir, '--user-data', userData]
    const seed = await openCore({ libraryDir, userDataDir: userData })
    const { article } = await seed.importText({ text: 'Cible\n\nUn article qui reçoit les notes des processus tués.' })
    await seed.close()

    let random = 20261128
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const acknowledgedNotes: string[] = []
    const acknowledgedImports: string[] = []
    const spared: Outcome[] = []
    let kills = 0
    let attempts = 0

    function run(isNote: boolean, killAfterMs: number | null): Promise<Outcome> {
      const n = attempts++
      const outcome = isNote
        ? writer(['note', 'add', article.id, '--paragraph', '1', '--text', `note ${n}`, ...common], null, killAfterMs)
        : writer(['import', '-', ...common], `Import ${n}\n\nLe texte de l'import numéro ${n}, unique.`, killAfterMs)
      return outcome.then((result) => {
        if (result.killed) kills++
        if (result.acknowledged) (isNote ? acknowledgedNotes : acknowledgedImports).push(isNote ? `note ${n}` : `Import ${n}`)
        return result
      })
    }

    // Kills land anywhere in a run as long as the machine takes now (measured on the writers left to finish), so a
    // loaded machine gets fewer kills per round, never fewer acknowledged writes.
    let runMs = (await run(true, null)).ms
    while (kills < KILLS) {
      // A note and an import left to finish, a note and an import killed.
      const isSpared = (i: number) => i < PARALLEL / 2
      const round = Array.from({ length: PARALLEL }, (_, i) => run(i % 2 === 0, isSpared(i) ? null : Math.floor(next() * runMs)))
      const outcomes = await Promise.all(round)
      spared.push(...outcomes.filter((_, i) => isSpared(i)))
      runMs = median(spared.map((outcome) => outcome.ms))
    }

    const core = await openCore({ libraryDir, userDataDir: userData })
    const titles = new Set((await core.listArticles({})).map((a) => a.title))
    const notes = new Set((await core.listAnnotations({ articleId: article.id })).map((a) => a.note))
    const missingImports = acknowledgedImports.filter((title) => !titles.has(title))
    const missingNotes = acknowledgedNotes.filter((note) => !notes.has(note))
    console.log(
      `killed-writers: ${kills} SIGKILLs over ${attempts} writers (a run takes ${runMs} ms); ` +
        `acknowledged ${acknowledgedImports.length} imports and ${acknowledgedNotes.length} notes; ` +
        `missing ${missingImports.length + missingNotes.length}; problems reported ${(await core.getAppInfo({})).problems.length}`,
    )
    expect(spared.filter((outcome) => !outcome.acknowledged)).toEqual([])
    expect(missingImports).toEqual([])
    expect(missingNotes).toEqual([])
    await readIndexOnDisk(libraryDir)
    JSON.parse(await readFile(join(libraryDir, 'articles', article.id, 'annotations.json'), 'utf8'))
  })
})
