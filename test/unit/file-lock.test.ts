import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { useLibraries } from '../support/temp-dir'

const WRITER = join(import.meta.dirname, '../support/lock-writer.ts')
const NOTE_WRITER = join(import.meta.dirname, '../support/note-writer.ts')
const WRITERS = 6
const ROUNDS = 12
/** Time for every writer process to start before they all try the lock at once. */
const START_DELAY_MS = 2500

async function writer(lock: string, list: string, name: string, startAt: number): Promise<boolean> {
  return (await output(WRITER, [lock, list, name, String(startAt)])) === 'acknowledged'
}

/** The standard output of a support script run from its source (empty when it fails: its errors go to the test's output). */
function output(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    let text = ''
    child.stdout.on('data', (chunk) => (text += chunk))
    child.on('error', reject)
    child.on('exit', () => resolve(text))
  })
}

describe('the file lock between processes', () => {
  const { tempDir, openCore } = useLibraries()

  it(
    `lets one writer at a time take over a lock left by a dead process (${WRITERS} writers at once, ${ROUNDS} rounds)`,
    { timeout: 300_000 },
    async () => {
      const dir = await tempDir()
      let lost = 0
      let acknowledged = 0
      for (let round = 0; round < ROUNDS; round++) {
        const lock = join(dir, `round-${round}.lock`)
        const list = join(dir, `round-${round}.json`)
        // A lock left by a process that no longer exists on this machine.
        await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 1, host: hostname() }))
        const startAt = Date.now() + START_DELAY_MS
        const names = Array.from({ length: WRITERS }, (_, i) => `w${i}`)
        const results = await Promise.all(names.map((name) => writer(lock, list, name, startAt)))
        const written: string[] = JSON.parse(await readFile(list, 'utf8'))
        acknowledged += results.filter(Boolean).length
        lost += names.filter((name, i) => results[i] && !written.includes(name)).length
      }
      expect(acknowledged).toBe(WRITERS * ROUNDS)
      expect(lost).toBe(0)
    },
  )

  it('keeps every note that processes adding notes to one article at once acknowledged', { timeout: 300_000 }, async () => {
    const libraryDir = await tempDir()
    const userDataDir = await tempDir()
    const seed = await openCore({ libraryDir, userDataDir })
    const { article } = await seed.importText({ text: 'Cible\n\nUn article qui reçoit les notes de plusieurs processus.' })
    await seed.close()

    const processes = 4
    const notesEach = 25
    const startAt = Date.now() + START_DELAY_MS
    const acknowledged = (
      await Promise.all(
        Array.from({ length: processes }, (_, i) =>
          output(NOTE_WRITER, [libraryDir, userDataDir, article.id, `w${i}`, String(notesEach), String(startAt)]),
        ),
      )
    ).flatMap((text) => text.split('\n').filter(Boolean))

    const core = await openCore({ libraryDir, userDataDir })
    const kept = new Set((await core.listAnnotations({ articleId: article.id })).map((annotation) => annotation.note))
    expect(acknowledged).toHaveLength(processes * notesEach)
    expect(acknowledged.filter((note) => !kept.has(note))).toEqual([])
  })
})
