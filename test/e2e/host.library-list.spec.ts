import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { expect, type Locator, type Page, test } from '@playwright/test'

import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { serveForEachTest } from './support/host'

/** The library list as a daily reader uses it: what is translated and read, each row's actions, the keys. */

const STRUCTURED_PAGE = join(import.meta.dirname, '../fixtures/structured-page.html')
const PAGE_TITLE = '« Le vélo a changé la ville » : entretien avec une urbaniste'
const WEATHER_TITLE = 'La météo de demain'

const host = serveForEachTest()
let folder: string

test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'visavis-list-'))
})

test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** Three articles, added in this order: the list shows the weather first, the sample last. */
async function importThree(page: Page) {
  await page.goto(host.url)
  const weather = join(folder, 'meteo.txt')
  await writeFile(weather, `${WEATHER_TITLE}\n\nIl pleuvra sur Paris. Le soleil reviendra dimanche.`)
  for (const [i, file] of [SEED_PATH, STRUCTURED_PAGE, weather].entries()) {
    await page.getByTestId('import-file-input').setInputFiles(file)
    await expect(rows(page)).toHaveCount(i + 1, { timeout: 30_000 })
  }
}

/** Those three, with the focus on the page itself, where the library's keys act. */
async function importThreeForKeys(page: Page) {
  await importThree(page)
  await page.locator('body').focus()
}

const rows = (page: Page) => page.getByTestId('article-item')
const row = (page: Page, title: string) => rows(page).filter({ hasText: title })
const selectedRow = (page: Page) => page.locator('[data-testid="article-item"][aria-current="true"]')
const readerTitle = (page: Page) => page.locator('.reader-header h1')

test('each row shows its first sentence, whether and by which engine it is translated, and how much is read', async ({ page }) => {
  await importThree(page)
  const sample = row(page, SEED_TITLE)
  await expect(sample.getByTestId('article-excerpt')).toHaveText(
    /^Le président chinois Xi Jinping s'est entretenu avec son homologue kazakh/,
  )
  await expect(sample.getByTestId('translation-state')).toHaveText('Not translated')
  await expect(sample.getByTestId('read-progress')).toHaveText('unread')

  await sample.getByRole('link').click()
  await expect(page.getByTestId('pane-translation').locator('.cell-translation[data-state="done"]')).toHaveCount(16, { timeout: 30_000 })
  await page.mouse.wheel(0, 100_000)
  await page.waitForTimeout(1_000) // the reading position is saved 600 ms after the scrolling stops
  await page.getByRole('link', { name: 'Library' }).click()

  await expect(sample.getByTestId('translation-state')).toHaveText('Translated · Apertium')
  await expect(sample.getByTestId('translation-state')).toHaveAttribute('data-state', 'done')
  await expect(sample.getByTestId('read-progress')).toHaveText(/^\d+ % read$/)
  const untranslated = row(page, PAGE_TITLE)
  await expect(untranslated.getByTestId('translation-state')).toHaveText('Not translated')
  await expect(untranslated.getByTestId('translation-state')).toHaveAttribute('data-state', 'none')
  // The heading and list items of the page are passed over: its excerpt is the first sentence of its text.
  await expect(untranslated.getByTestId('article-excerpt')).not.toBeEmpty()

  await page.reload()
  await expect(row(page, SEED_TITLE).getByTestId('translation-state')).toHaveText('Translated · Apertium')

  // Its translation is into English: with Spanish as the target, the list says it is not translated.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.locator('#settings-target').selectOption('es')
  await page.getByRole('link', { name: 'Library' }).click()
  await expect(row(page, SEED_TITLE).getByTestId('translation-state')).toHaveText('Not translated')
})

test('a reader searches with /, moves with j and k, and opens with Enter, by keyboard alone', async ({ page }) => {
  await importThreeForKeys(page)

  await page.keyboard.press('/')
  const search = page.getByRole('searchbox', { name: 'Search the library' })
  await expect(search).toBeFocused()
  await page.keyboard.type('jk/?')
  await expect(search).toHaveValue('jk/?') // the keys typed in the box stay there
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await page.keyboard.press('Control+A')
  await page.keyboard.type('vélo')
  await expect(page.getByTestId('search-hit')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('search-hit').getByRole('link')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(readerTitle(page)).toHaveText(PAGE_TITLE)

  await page.keyboard.press('u')
  await expect(rows(page)).toHaveCount(3)
  await expect(selectedRow(page)).toHaveCount(0)
  await page.keyboard.press('j')
  await expectSelected(page, WEATHER_TITLE)
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await expectSelected(page, SEED_TITLE)
  await page.keyboard.press('j') // the last row stays selected
  await expectSelected(page, SEED_TITLE)
  await page.keyboard.press('k')
  await expectSelected(page, PAGE_TITLE)
  await page.keyboard.press('Enter')
  await expect(readerTitle(page)).toHaveText(PAGE_TITLE)

  // With the focus gone from the row (a click on the page), Enter still opens the selected article.
  await page.keyboard.press('u')
  await expect(rows(page)).toHaveCount(3)
  await page.keyboard.press('j')
  await expectSelected(page, WEATHER_TITLE)
  await page.locator('.section-heading').click()
  await expect(row(page, WEATHER_TITLE).getByRole('link')).not.toBeFocused()
  await page.keyboard.press('Enter')
  await expect(readerTitle(page)).toHaveText(WEATHER_TITLE)
})

async function expectSelected(page: Page, title: string) {
  await expect(selectedRow(page)).toHaveCount(1)
  await expect(selectedRow(page)).toContainText(title)
  const link = row(page, title).getByRole('link')
  await expect(link).toBeFocused()
  await expectRingVisible(row(page, title).locator('.article-row'))
}

/** The row is ringed in the accent colour, and in view. */
async function expectRingVisible(rowBox: Locator) {
  await expect(rowBox).toBeInViewport()
  expect(await rowBox.evaluate((element) => getComputedStyle(element).boxShadow)).toMatch(/\b2px\b/)
}

test('the selected row is scrolled into view in a long list', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 })
  await page.goto(host.url)
  const files = Array.from({ length: 12 }, (_, i) => {
    const path = join(folder, `article-${i}.txt`)
    return { path, text: `Article numéro ${i + 1}\n\nUn texte court, le numéro ${i + 1} de la série, sans rien d'autre.` }
  })
  for (const { path, text } of files) await writeFile(path, text)
  await page.getByTestId('import-folder-input').setInputFiles(folder)
  await expect(rows(page).first()).toBeVisible({ timeout: 30_000 })
  await page.locator('body').focus()
  for (let i = 0; i < 12; i++) await page.keyboard.press('j')
  await expectRingVisible(selectedRow(page).locator('.article-row'))
  await expect(selectedRow(page).getByRole('link')).toBeFocused()
  expect(await page.locator('.article-scroller').evaluate((scroller) => scroller.scrollTop)).toBeGreaterThan(0)
})

test('? lists the library keys in a dialog, where j and k do nothing, and Esc closes it', async ({ page }) => {
  await importThreeForKeys(page)
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  await expect(help.locator('tr')).toHaveText([
    '/Search the library',
    'jNext article',
    'kPrevious article',
    'EnterOpen the selected article',
    '?This help',
  ])
  await page.keyboard.press('j')
  await expect(selectedRow(page)).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  await page.keyboard.press('j')
  await expectSelected(page, WEATHER_TITLE)
})

test('a row keeps Tags and Delete behind its ⋯ menu, by keyboard, and a delete can be undone', async ({ page }) => {
  await importThree(page)
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0)
  await page.locator('body').focus()
  await page.keyboard.press('j')
  await expectSelected(page, WEATHER_TITLE)
  await page.keyboard.press('Tab')
  const menu = page.getByRole('button', { name: `Actions for “${WEATHER_TITLE}”` })
  await expect(menu).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Tags' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: `Delete “${WEATHER_TITLE}”` })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(rows(page)).toHaveCount(2)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(rows(page)).toHaveCount(3)
})
