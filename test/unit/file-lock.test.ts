import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useLibraries } from '../support/temp-dir'

const WRITER = join(import.meta.dirname, '../support/lock-writer.ts')
const WRITERS = 6
const ROUNDS = 12
/** Time for every writer process to start before they all try the lock at once. */
const START_DELAY_MS = 2500

function writer(lock: string, list: string, name: string, startAt: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, lock, list, name, String(startAt)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) => resolve(code === 0 && output === 'acknowledged'))
  })
}

describe('the file lock between processes', () => {
  const { tempDir } = useLibraries()

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
})
