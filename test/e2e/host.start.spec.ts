import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

const PROJECT = join(import.meta.dirname, '../..')

test('npm start without Electron’s binary says why in one line and serves the app in the browser', async ({ page }) => {
  test.skip(existsSync(join(PROJECT, 'node_modules/electron/path.txt')), 'Electron’s binary is installed: npm start opens the desktop app')
  test.setTimeout(180_000) // npm start builds the app first
  const userData = await mkdtemp(join(tmpdir(), 'visavis-start-'))
  const start = spawn(process.execPath, [join(PROJECT, 'scripts/start.mjs'), '--no-open'], {
    cwd: PROJECT,
    env: { ...process.env, VISAVIS_USER_DATA: userData },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    let output = ''
    const url = await new Promise<string>((resolve, reject) => {
      start.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /Vis-à-vis is served at (\S+)/.exec(output)
        if (match) resolve(match[1]!)
      })
      start.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)))
    })
    const reasons = output.split('\n').filter((line) => line.startsWith('Electron'))
    expect(reasons).toEqual([
      expect.stringMatching(/^Electron's binary is not installed \(.+\): opening Vis-à-vis in your browser instead\./),
    ])
    await page.goto(url)
    await expect(page.getByText(/Your library is empty/)).toBeVisible()
  } finally {
    const exited = new Promise((resolve) => start.once('exit', resolve))
    start.kill('SIGTERM')
    await exited
    await rm(userData, { recursive: true, force: true })
  }
})
