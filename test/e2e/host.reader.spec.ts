import { readFile } from 'node:fs/promises'

import { expect, type Locator, type Page, test } from '@playwright/test'

import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { serveForEachTest } from './support/host'
import { openArticle, original, translation } from './support/reader'

const host = serveForEachTest()

/** Presses Tab until the element has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 30 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(target).toBeFocused()
}

test('streams the translation in beside the original, level and linked sentence by sentence', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  await expect(page.getByTestId('translation-progress')).toContainText('Translated by Apertium')

  const fourth = original(page).locator('[data-sentence]').nth(3)
  const key = await fourth.getAttribute('data-sentence')
  await fourth.hover()
  await expect(fourth).toHaveAttribute('data-active', 'true')
  await expect(translation(page).locator(`[data-sentence="${key}"]`)).toHaveAttribute('data-active', 'true')
  await expect(translation(page).locator('[data-active="true"]')).toHaveCount(1)

  const left = (await original(page).locator('[data-sentence]').first().boundingBox())!
  const right = (await translation(page).locator('[data-sentence]').first().boundingBox())!
  expect(Math.abs(left.y - right.y)).toBeLessThan(1)
  expect(right.x).toBeGreaterThan(left.x + left.width)
  for (const row of [2, 9, 15]) {
    const [a, b] = [
      await original(page).locator('.cell').nth(row).boundingBox(),
      await translation(page).locator('.cell').nth(row).boundingBox(),
    ]
    expect(Math.abs(a!.y - b!.y), `row ${row + 1} starts level`).toBeLessThan(1)
  }

  await page.getByRole('button', { name: 'Interleaved' }).click()
  await expect(page.locator('.reader-grid')).toHaveClass(/layout-interleaved/)
  const [firstOriginal, firstTranslation] = [
    await original(page).locator('.cell').first().boundingBox(),
    await translation(page).locator('.cell').first().boundingBox(),
  ]
  expect(firstTranslation!.y).toBeGreaterThan(firstOriginal!.y + firstOriginal!.height - 1)
  expect(Math.abs(firstTranslation!.x - firstOriginal!.x)).toBeLessThan(20)
  await page.getByRole('button', { name: 'Side by side' }).click()
  await expect(page.locator('.reader-grid')).toHaveClass(/layout-side-by-side/)
  const [backLeft, backRight] = [
    await original(page).locator('.cell').first().boundingBox(),
    await translation(page).locator('.cell').first().boundingBox(),
  ]
  expect(backRight!.x).toBeGreaterThan(backLeft!.x + backLeft!.width)
  expect(Math.abs(backRight!.y - backLeft!.y)).toBeLessThan(1)

  const readerUrl = page.url()
  await page.goto(readerUrl.replace(/#.*$/, '#/settings'))
  await page.getByLabel('Language of the app').selectOption('fr')
  await page.goto(readerUrl)
  await expect(page.getByRole('link', { name: '← Bibliothèque' })).toBeVisible()
  await expect(translation(page).getByRole('heading', { name: 'Traduction' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Intercalé' })).toBeVisible()
})

test('keeps the toolbar controls in place whatever the progress says', async ({ page }) => {
  // Wide enough for the engine to be in the bar rather than in its "More options" menu.
  await page.setViewportSize({ width: 1600, height: 800 })
  await openArticle(page, host.url, SEED_PATH)
  await expect(page.getByTestId('translation-progress')).toContainText('Translated by Apertium', { timeout: 30_000 })
  const engine = page.getByLabel('Engine')
  const before = await engine.boundingBox()
  // "Translating 2 of 16", "Translated by LibreTranslate", "Not translated": labels of every length share one slot.
  for (const label of ['Translating 2 of 16', 'Translated by LibreTranslate', '…']) {
    await page.locator('.progress-label').evaluate((element, text) => (element.textContent = text), label)
    expect(await engine.boundingBox(), label).toEqual(before)
  }
})

test('falls back from side by side to interleaved below 900 px, and the layout control says so', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 800 })
  await openArticle(page, host.url, SEED_PATH)
  await expect(page.locator('.reader-grid')).toHaveClass(/layout-interleaved/)
  // So narrow a window has the layout switch in the bar's "More options" menu.
  await page.getByRole('button', { name: 'More options' }).click()
  await expect(page.getByRole('button', { name: 'Interleaved (narrow window)' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'false')
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.locator('.reader-grid')).toHaveClass(/layout-side-by-side/)
  await expect(page.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('button', { name: 'Interleaved', exact: true })).toHaveAttribute('aria-pressed', 'false')
})

test('pins a pair on click, and reopens at the paragraph where the reader was', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  const sentence = original(page).locator('[data-sentence="p2:0"]')
  await sentence.click()
  await page.mouse.move(5, 5)
  await expect(translation(page).locator('[data-sentence="p2:0"]')).toHaveAttribute('data-active', 'true')

  await original(page)
    .locator('[data-paragraph="p11"]')
    .evaluate((cell) => cell.scrollIntoView({ block: 'start' }))
  await page.waitForTimeout(1500)
  await page.reload()
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(16)
  await expect
    .poll(async () => (await original(page).locator('[data-paragraph="p11"]').boundingBox())!.y, { message: 'p11 is back near the top' })
    .toBeLessThan(200)
})

test('a keyboard alone imports, opens, moves sentence by sentence, switches layouts and goes back', async ({ page }) => {
  await page.goto(host.url)
  await tabTo(page, page.getByRole('button', { name: 'Paste text' }))
  await page.keyboard.press('Enter')
  await page.keyboard.insertText(await readFile(SEED_PATH, 'utf8'))
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('article-item')).toHaveCount(1)

  const link = page.getByTestId('article-item').getByRole('link')
  await tabTo(page, link)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE)
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(16, { timeout: 30_000 })

  // From the first sentence, three steps forward reach the fourth.
  for (let i = 0; i < 3; i++) await page.keyboard.press('l')
  const focused = original(page).locator('[data-sentence]').nth(3)
  await expect(focused).toBeFocused()
  await expect(translation(page).locator(`[data-sentence="${await focused.getAttribute('data-sentence')}"]`)).toHaveAttribute(
    'data-active',
    'true',
  )

  await page.keyboard.press('i')
  await expect(page.getByRole('button', { name: 'Interleaved' })).toHaveAttribute('aria-pressed', 'true')
  for (let i = 0; i < 3; i++) await page.keyboard.press('i')
  await expect(page.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'true')

  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  await page.keyboard.press('Backspace')
  await expect(page.getByTestId('article-item')).toBeVisible()
})

/** The text of every range painted under a highlight name. */
const painted = (page: Page, name: string) =>
  page.evaluate((highlight) => [...(CSS.highlights.get(highlight) ?? [])].map((range) => (range as Range).toString()), name)

test('Ctrl+F finds a word in both panes whatever its accents and case, and goes from match to match', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  const occurrences = async (word: RegExp) =>
    ((await original(page).innerText()).match(word)?.length ?? 0) + ((await translation(page).innerText()).match(word)?.length ?? 0)

  await page.keyboard.press('Control+f')
  const bar = page.getByTestId('find-bar')
  await expect(bar.getByRole('searchbox', { name: 'Find in the article' })).toBeFocused()
  await page.keyboard.type('kazakhstan')
  const total = await occurrences(/kazakhstan/gi)
  expect(total).toBeGreaterThan(4)
  await expect(bar).toContainText(`1 of ${total}`)
  await expect
    .poll(async () => (await painted(page, 'visavis-find')).length + (await painted(page, 'visavis-find-current')).length)
    .toBe(total)
  await page.keyboard.press('Enter')
  await expect(bar).toContainText(`2 of ${total}`)
  await page.keyboard.press('Shift+Enter')
  await page.keyboard.press('Shift+Enter')
  await expect(bar).toContainText(`${total} of ${total}`)

  // Without its accents, a French word is found as written.
  await bar.getByRole('searchbox').fill('DEVELOPPEMENT')
  await expect(bar).toContainText(/1 of \d+/)
  const found = [...(await painted(page, 'visavis-find')), ...(await painted(page, 'visavis-find-current'))]
  expect(found.length).toBeGreaterThan(0)
  expect(new Set(found.map((text) => text.toLowerCase()))).toEqual(new Set(['développement']))

  await page.keyboard.press('Escape')
  await expect(bar).toHaveCount(0)
  expect(await painted(page, 'visavis-find-current')).toEqual([])

  // The field has the focus when Ctrl+F's handling ends, not a frame later: a letter typed at once is not lost.
  const focusedAtOnce = await page.evaluate(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true }))
    return document.activeElement?.getAttribute('aria-label')
  })
  expect(focusedAtOnce).toBe('Find in the article')
})

test('shows how far down the article the reader is', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  const progress = page.getByTestId('reading-progress')
  // The bar's share of the window's width, as drawn.
  const barShare = () => progress.locator('span').evaluate((bar) => bar.getBoundingClientRect().width / window.innerWidth)
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect(progress).toHaveAttribute('aria-valuenow', '0')
  await expect.poll(barShare).toBe(0)
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight / 2))
  await expect.poll(barShare).toBeGreaterThan(0.2)
  await expect.poll(barShare).toBeLessThan(0.8)
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight))
  await expect(progress).toHaveAttribute('aria-valuenow', '100')
  await expect(progress).toHaveAccessibleName('100% read')
  await expect.poll(barShare).toBeCloseTo(1, 2)
})
