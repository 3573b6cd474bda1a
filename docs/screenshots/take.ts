// Takes the README's screenshots from the browser host in Debian's Chromium, 1280×800, light and dark:
// `npm run build && npx tsx docs/screenshots/take.ts` (Apertium installed for the translation).
import { chromium, type Page } from '@playwright/test'
import { join } from 'node:path'
import { SEED_PATH } from '../../test/support/seed'
import { serveFreshLibrary } from '../../test/e2e/support/host'
import config from '../../playwright.config'

const host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'])
const browser = await chromium.launch(config.use?.launchOptions)
const shot = (page: Page, name: string) => page.screenshot({ path: join(import.meta.dirname, `${name}.png`) })

try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: theme })
    await page.goto(host.url)
    if (theme === 'light') {
      await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
      await page.getByTestId('import-summary').getByRole('button').click()
    }
    await page.getByTestId('article-item').waitFor()
    await shot(page, `library-${theme}`)
    await page.getByTestId('article-item').getByRole('link').click()
    await page.locator('.cell-translation[data-state="done"]').nth(15).waitFor()
    await page.getByTestId('pane-original').locator('[data-sentence="p4:0"]').hover()
    await page.waitForTimeout(200)
    await shot(page, `reader-${theme}`)
    await page.close()
  }
} finally {
  await browser.close()
  await host.stop()
}
