import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { expect, test } from '@playwright/test'

import { SEED_PATH } from '../support/seed'
import { serveFreshLibrary } from './support/host'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../bin/visavis.js')

const NOTICES = {
  en: '1 library change merged from a copy made by another computer.',
  fr: 'Repris d’une copie faite par un autre ordinateur\u00a0: 1 modification de la bibliothèque.',
  'zh-CN': '已从另一台电脑制作的副本中合并：1 处文库更改。',
} as const

/** A library whose index another computer changed too (a tag): Dropbox left its version beside library.json. */
async function syncedLibraryWithConflictCopy(userDataDir: string, uiLanguage: string): Promise<void> {
  const libraryDir = join(userDataDir, 'library')
  await run(process.execPath, [BIN, 'import', SEED_PATH, '--library', libraryDir])
  const index = JSON.parse(await readFile(join(libraryDir, 'library.json'), 'utf8'))
  index.articles[0].tags = ['lu sur le portable']
  await writeFile(join(libraryDir, "library (Ana's conflicted copy 2026-12-03).json"), JSON.stringify(index))
  await writeFile(join(userDataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, uiLanguage }))
}

for (const [uiLanguage, notice] of Object.entries(NOTICES)) {
  test(`says once, in ${uiLanguage}, what a copy made by another computer brought`, async ({ page }, testInfo) => {
    const host = await serveFreshLibrary([], { prepare: (userDataDir) => syncedLibraryWithConflictCopy(userDataDir, uiLanguage) })
    try {
      await page.goto(host.url)
      const status = page.locator('.merge-notice')
      await expect(status).toContainText(notice)
      await expect(page.getByTestId('article-item')).toContainText('lu sur le portable')
      await page.screenshot({ path: testInfo.outputPath(`merge-notice-${uiLanguage}.png`) })
      await status.getByRole('button').click()
      await expect(status).toHaveCount(0)
      await page.reload()
      await expect(page.getByTestId('article-item')).toHaveCount(1)
      await expect(status).toHaveCount(0)
    } finally {
      await host.stop()
    }
  })
}
