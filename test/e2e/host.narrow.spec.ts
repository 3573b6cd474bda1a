import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test, type Page } from '@playwright/test'
import { SEED_PATH } from '../support/seed'
import { serveFreshLibrary } from './support/host'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../bin/visavis.js')
const WIDTHS = [800, 1280]

const SCREENS = [
  { name: 'library', hash: '#/', ready: '[data-testid="article-item"]' },
  { name: 'reader', hash: null, ready: '.cell-translation[data-state="done"]' },
  { name: 'notes', hash: '#/notes', ready: '.app-nav' },
  { name: 'glossary', hash: '#/glossary', ready: '.app-nav' },
  { name: 'settings', hash: '#/settings', ready: '#settings-engine' },
] as const

/** What overflows the window sideways, and the navigation and toolbar labels laid out on more than one line. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = []
    const page = document.scrollingElement!
    if (page.scrollWidth > window.innerWidth) problems.push(`the page is ${page.scrollWidth} px wide in a ${window.innerWidth} px window`)
    const labels = document.querySelectorAll<HTMLElement>('.app-nav a, .reader-toolbar button, .reader-toolbar label, .app-header button')
    for (const label of labels) {
      if (label.offsetParent === null) continue
      const range = document.createRange()
      range.selectNodeContents(label)
      const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
      if (lines.size > 1) problems.push(`“${label.textContent?.trim()}” takes ${lines.size} lines`)
      const box = label.getBoundingClientRect()
      if (box.right > window.innerWidth + 0.5 || box.left < -0.5) problems.push(`“${label.textContent?.trim()}” is cut off by the window`)
    }
    return problems
  })
}

for (const uiLanguage of ['en', 'fr', 'zh-CN']) {
  test(`every screen fits the window at ${WIDTHS.join(' and ')} px in the ${uiLanguage} interface`, async ({ page }, testInfo) => {
    test.setTimeout(120_000)
    const host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'], {
      prepare: async (userDataDir) => {
        await run(process.execPath, [BIN, 'import', SEED_PATH, '--library', join(userDataDir, 'library')])
        await writeFile(join(userDataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, uiLanguage }))
      },
    })
    try {
      await page.goto(host.url)
      const readerHash = await page.getByTestId('article-item').getByRole('link').getAttribute('href')
      const problems: Record<string, string[]> = {}
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 })
        for (const screen of SCREENS) {
          await page.evaluate((hash) => (window.location.hash = hash), screen.hash ?? readerHash!)
          await page.locator(screen.ready).first().waitFor({ timeout: 30_000 })
          await page.evaluate(() => document.fonts.ready)
          await page.screenshot({ path: testInfo.outputPath(`narrow/${screen.name}-${uiLanguage}-${width}.png`) })
          const found = await layoutProblems(page)
          if (found.length > 0) problems[`${screen.name} at ${width} px`] = found
        }
      }
      expect(problems).toEqual({})
    } finally {
      await host.stop()
    }
  })
}
