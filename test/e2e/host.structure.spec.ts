import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { serveForEachTest } from './support/host'
import { openArticle, original, translation } from './support/reader'

const STRUCTURED_PAGE = join(import.meta.dirname, '../fixtures/structured-page.html')
const PARAGRAPHS = 14

const host = serveForEachTest()

/** The block kind of every row, on one side. */
const kindsIn = (pane: ReturnType<typeof original>) =>
  pane.locator('.cell').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-kind')))

test('headings, a list, a quotation and an interview’s questions keep their kind in both panes', async ({ page }) => {
  await openArticle(page, host.url, STRUCTURED_PAGE, PARAGRAPHS)

  const expected = ['paragraph', 'heading', 'paragraph', 'item', 'item', 'item', 'heading', 'question', 'paragraph']
  expected.push('question', 'paragraph', 'quote', 'paragraph', 'paragraph')
  expect(await kindsIn(original(page))).toEqual(expected)
  expect(await kindsIn(translation(page))).toEqual(expected)

  // Headings are headings on both sides (below the panes' own labels), the quotation a quotation.
  await expect(original(page).locator('h3.cell')).toHaveText(['Une décennie de travaux', 'L’entretien'])
  await expect(translation(page).locator('h3.translation-text')).toHaveCount(2)
  await expect(original(page).locator('blockquote.cell')).toContainText('La rue appartient')
  await expect(translation(page).locator('blockquote.translation-text')).toHaveCount(1)
  const questionWeight = (pane: ReturnType<typeof original>) =>
    pane
      .locator('.cell[data-kind="question"]')
      .first()
      .evaluate((cell) => Number(getComputedStyle(cell).fontWeight))
  expect(await questionWeight(original(page))).toBeGreaterThanOrEqual(600)
  expect(await questionWeight(translation(page))).toBeGreaterThanOrEqual(600)

  // Inline marks in the original, inside their sentence.
  await expect(original(page).locator('[data-sentence] strong')).toHaveText(['plus souvent', 'Lire : Que deviennent les vieux parkings ?'])
  // A translation carries the marks over whole sentences only: its words are not the original's.
  await expect(translation(page).locator('[data-sentence] strong')).toHaveCount(1)
  await expect(translation(page).locator('[data-paragraph="p13"] [data-sentence] strong')).toHaveCount(1)
  await expect(original(page).locator('[data-sentence] em')).toHaveText('trois priorités')
  const link = original(page).locator('[data-sentence] [role="link"]')
  await expect(link).toHaveText('consultable en ligne')
  expect(await link.evaluate((element) => getComputedStyle(element).display)).toBe('inline')
  // The address stays out of the page: nothing can follow it without the confirmation below.
  expect(await page.content()).not.toContain('example.org/plan-velo')

  // Rows stay level whatever the block.
  for (const paragraphId of ['p2', 'p4', 'p8', 'p12']) {
    const top = (pane: ReturnType<typeof original>) =>
      pane.locator(`[data-paragraph="${paragraphId}"]`).evaluate((cell) => cell.getBoundingClientRect().top)
    expect(Math.abs((await top(original(page))) - (await top(translation(page))))).toBeLessThan(1)
  }
})

test('a link in the article opens only after a confirmation', async ({ page }) => {
  await page.context().route('https://example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Plan</title>' }))
  await openArticle(page, host.url, STRUCTURED_PAGE, PARAGRAPHS)
  const link = original(page).getByRole('link', { name: 'consultable en ligne' })

  await link.click()
  const dialog = page.getByRole('dialog', { name: 'Open this link?' })
  await expect(dialog).toContainText('https://example.org/plan-velo')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
  expect(page.context().pages()).toHaveLength(1)
  // By keyboard too.
  await link.focus()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  await link.click()
  const [popup] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Open in browser' }).click()])
  expect(popup.url()).toContain('example.org/plan-velo')
  await popup.close()
})

test('the Markdown export of the notes keeps the article’s headings, notes in reading order', async ({ page }) => {
  await openArticle(page, host.url, STRUCTURED_PAGE, PARAGRAPHS)
  const panel = page.getByTestId('notes-panel')
  await page.keyboard.press('n')
  // Notes made out of order: the answer under the second heading first, then the opening paragraph.
  for (const [sentence, text] of [
    ['p9:0', 'Le changement est rapide'],
    ['p1:0', 'Dix ans de travaux'],
  ] as const) {
    await original(page).locator(`[data-sentence="${sentence}"]`).click()
    await panel.getByRole('button', { name: 'Note on the current paragraph' }).click()
    await panel.getByRole('textbox', { name: /^Note on paragraph/ }).fill(text)
    await panel.getByRole('button', { name: 'Save' }).click()
    await expect(panel.getByTestId('annotation-item').filter({ hasText: text })).toHaveCount(1)
  }
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Markdown' }).click()])
  const markdown = await readFile((await download.path())!, 'utf8')
  const opening = markdown.indexOf('Dix ans de travaux')
  const interviewHeading = markdown.indexOf('\n## L’entretien\n')
  const answer = markdown.indexOf('Le changement est rapide')
  expect(opening).toBeGreaterThan(0)
  expect(interviewHeading).toBeGreaterThan(opening)
  expect(answer).toBeGreaterThan(interviewHeading)
  expect(markdown).toContain('\n### Note · Paragraph 9 · original\n')
})
