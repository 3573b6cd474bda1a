import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { expect, test } from '@playwright/test'

import { SEED_PATH } from '../support/seed'
import { realModelsSource } from '../support/tiny-bergamot-model'
import { type ServedHost, serveFreshLibrary } from './support/host'

/**
 * The sample opened in Chromium with Bergamot the only engine that can translate: a models folder holding the tiny
 * generated model (or VISAVIS_BERGAMOT_MODELS), and a PATH without Apertium.
 */

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../bin/visavis.js')
let host: ServedHost
let workDir: string

test.beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'visavis-e2e-bergamot-'))
  const pathWithoutApertium = join(workDir, 'bin')
  await mkdir(pathWithoutApertium)
  await symlink(process.execPath, join(pathWithoutApertium, 'node'))
  const models = await realModelsSource(async () => workDir)
  host = await serveFreshLibrary(['--engine', 'bergamot', '--to', 'en'], {
    prepare: async (userDataDir) => {
      await run(process.execPath, [BIN, 'models', 'import', models, '--user-data', userDataDir])
    },
    env: { ...process.env, PATH: pathWithoutApertium },
  })
})

test.afterEach(async () => {
  await host.stop()
  await rm(workDir, { recursive: true, force: true })
})

test('streams the Bergamot translation in, one translated sentence per original sentence', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
  await page.getByTestId('article-item').getByRole('link').click()

  const translated = page.getByTestId('pane-translation').locator('.cell-translation[data-state="done"]')
  await expect(translated).toHaveCount(16, { timeout: 45_000 })
  await expect(page.getByTestId('translation-progress')).toContainText('Translated by Bergamot')

  const originals = page.getByTestId('pane-original').locator('.cell-original')
  await expect(originals).toHaveCount(16)
  for (let row = 0; row < 16; row++) {
    const id = await originals.nth(row).getAttribute('data-paragraph')
    const sourceCount = await originals.nth(row).locator('[data-sentence]').count()
    const targets = translated.and(page.locator(`[data-paragraph="${id}"]`)).locator('[data-sentence]')
    await expect(targets, `paragraph ${id}`).toHaveCount(sourceCount)
    for (const target of await targets.all()) await expect(target).toHaveText(/\S/)
  }
})
