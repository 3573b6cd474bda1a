import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useLibraries } from '../support/temp-dir'

const BIN = join(import.meta.dirname, '../../bin/visavis.js')
const KILLS = 200
const PARALLEL = 4

interface Outcome {
  acknowledged: boolean
  killed: boolean
}

/** Runs one CLI writer and SIGKILLs it after `killAfterMs` unless it finished (acknowledged its write) before. */
function writer(args: string[], stdin: string | null, killAfterMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
    if (stdin !== null) child.stdin!.end(stdin)
    let killed = false
    const timer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, killAfterMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ acknowledged: !killed && code === 0, killed })
    })
  })
}

describe('writers killed at random moments', () => {
  const { tempDir, openCore } = useLibraries()

  it(`lose no acknowledged write over ${KILLS} SIGKILLs, and the library still opens`, { timeout: 240_000 }, async () => {
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
    let kills = 0
    let attempts = 0
    const started = Date.now()

    async function lane(): Promise<void> {
      while (kills < KILLS && attempts < KILLS * 4) {
        const n = attempts++
        // A CLI run takes about half a second alone, longer four at a time: kills land before, during and after writes.
        const killAfter = 100 + Math.floor(next() * 2900)
        const isNote = n % 2 === 0
        const outcome = isNote
          ? await writer(['note', 'add', article.id, '--paragraph', '1', '--text', `note ${n}`, ...common], null, killAfter)
          : await writer(['import', '-', ...common], `Import ${n}\n\nLe texte de l'import numéro ${n}, unique.`, killAfter)
        if (outcome.killed) kills++
        if (outcome.acknowledged) (isNote ? acknowledgedNotes : acknowledgedImports).push(isNote ? `note ${n}` : `Import ${n}`)
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, lane))

    const core = await openCore({ libraryDir, userDataDir: userData })
    const titles = new Set((await core.listArticles({})).map((a) => a.title))
    const notes = new Set((await core.listAnnotations({ articleId: article.id })).map((a) => a.note))
    const missingImports = acknowledgedImports.filter((title) => !titles.has(title))
    const missingNotes = acknowledgedNotes.filter((note) => !notes.has(note))
    console.log(
      `killed-writers: ${kills} SIGKILLs over ${attempts} writers in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
        `acknowledged ${acknowledgedImports.length} imports and ${acknowledgedNotes.length} notes; ` +
        `missing ${missingImports.length + missingNotes.length}; problems reported ${(await core.getAppInfo({})).problems.length}`,
    )
    expect(kills).toBeGreaterThanOrEqual(KILLS)
    expect(acknowledgedImports.length + acknowledgedNotes.length).toBeGreaterThan(20)
    expect(missingImports).toEqual([])
    expect(missingNotes).toEqual([])
    JSON.parse(await readFile(join(libraryDir, 'library.json'), 'utf8'))
    JSON.parse(await readFile(join(libraryDir, 'articles', article.id, 'annotations.json'), 'utf8'))
  })
})
