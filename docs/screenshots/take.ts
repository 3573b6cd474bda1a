// Takes the README's screenshots from the browser host in Debian's Chromium: `npx tsx docs/screenshots/take.ts`.
import { chromium } from '@playwright/test'
import { join } from 'node:path'
import { SEED_PATH } from '../../test/support/seed'
import { serveFreshLibrary } from '../../test/e2e/support/host'
import config from '../../playwright.config'

const host = await serveFreshLibrary()
const browser = await chromium.launch(config.use?.launchOptions)
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(host.url)
  await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
  await page.getByTestId('article-item').waitFor()
  await page.screenshot({ path: join(import.meta.dirname, 'library.png') })
  await page.getByTestId('article-item').getByRole('link').click()
  await page.getByTestId('pane-original').locator('p').first().waitFor()
  await page.screenshot({ path: join(import.meta.dirname, 'reader.png') })
} finally {
  await browser.close()
  await host.stop()
}
