import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { _electron as electron, expect, test } from '@playwright/test'

import { SEED_PATH, SEED_TITLE } from '../support/seed'

const ROOT = join(import.meta.dirname, '../..')

/** The Electron binary npm installed, without `require('electron')`, which would try to download a missing one. */
function electronBinary(): { path: string } | { missing: string } {
  const electronDir = join(ROOT, 'node_modules/electron')
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return { missing: 'no Electron binary is installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed)' }
  }
  const path = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { path } : { missing: `the Electron binary ${path} is missing` }
}

const binary = electronBinary()
if ('missing' in binary) console.log(`Electron e2e skipped: ${binary.missing}.`)

test.describe('the desktop app', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '')

  test('imports the sample, lists it and opens it side by side', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'visavis-electron-'))
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [join(ROOT, 'out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, XDG_CONFIG_HOME: userData, APPDATA: userData },
    })
    try {
      const page = await app.firstWindow()
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
      await expect(page.getByTestId('article-item')).toContainText(SEED_TITLE)
      await page.getByTestId('article-item').getByRole('link').click()
      await expect(page.getByTestId('pane-original').locator('p').first()).toHaveText(/^Le président chinois Xi Jinping/)
      await expect(page.getByTestId('pane-translation')).toBeVisible()
    } finally {
      await app.close()
      await rm(userData, { recursive: true, force: true })
    }
  })
})
