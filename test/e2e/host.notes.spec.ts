import { readFile } from 'node:fs/promises'

import { type Download, expect, type Page, test } from '@playwright/test'

import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { serveForEachTest } from './support/host'
import { openArticle, original, translation } from './support/reader'
import { selectInPane } from './support/selection'

const host = serveForEachTest()

const PHRASE = 'communauté de destin'
const NOTE = 'Formule clé de la diplomatie chinoise'
const panel = (page: Page) => page.getByTestId('notes-panel')

/** The text each painted highlight covers, by colour (the CSS Custom Highlight API leaves the DOM as it is). */
function paintedHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const painted: Record<string, string[]> = {}
    CSS.highlights.forEach((highlight, name) => {
      painted[name] = [...highlight].map((range) => range.toString())
    })
    return painted
  })
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; content: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  return { download, content: await readFile((await download.path())!, 'utf8') }
}

test('a note on a selected passage is kept, marks its translation, and is undeleted; bookmarks toggle', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  await expect(original(page).locator('[data-paragraph="p3"]')).toContainText(PHRASE)

  // Select, write a note, pick a colour, save.
  await selectInPane(page, 'original', 'p3', PHRASE)
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Note', exact: true }).click()
  await page.getByRole('textbox', { name: 'Note text' }).fill(NOTE)
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Green' }).click()
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('selection-toolbar')).toHaveCount(0)
  await expect(translation(page).locator('[data-sentence="p3:0"]')).toHaveAttribute('data-annotated', 'green')
  // A highlight with a note is underlined as well.
  await expect.poll(() => paintedHighlights(page)).toEqual({ 'visavis-green': [PHRASE], 'visavis-noted': [PHRASE] })

  // After a reload it is all still there: painted, its counterpart marked, listed with its note and translation.
  await page.reload()
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(16)
  await expect(translation(page).locator('[data-sentence="p3:0"]')).toHaveAttribute('data-annotated', 'green')
  await expect(original(page).locator('[data-annotated]')).toHaveCount(0)
  await expect.poll(() => paintedHighlights(page)).toEqual({ 'visavis-green': [PHRASE], 'visavis-noted': [PHRASE] })
  await expect(original(page).locator('[data-paragraph="p3"] .notes-marker')).toBeVisible()
  await page.keyboard.press('n')
  await expect(panel(page).getByTestId('annotation-item')).toHaveCount(1)
  const item = panel(page).getByTestId('annotation-item').filter({ hasText: PHRASE })
  await expect(item).toContainText(PHRASE)
  await expect(item).toContainText(NOTE)
  await expect(item).toContainText('Paragraph 3')
  // The translation facing the passage is folded under its language's name.
  const counterpart = item.locator('.annotation-translation')
  await expect(counterpart).toBeHidden()
  await item.getByText('Translation (English)').click()
  await expect(counterpart).toHaveText(await translation(page).locator('[data-sentence="p3:0"]').innerText())

  // Edit the note.
  await item.getByRole('button', { name: 'Edit the note' }).click()
  await item.getByRole('textbox', { name: 'Note' }).fill(`${NOTE}, reprise en p8`)
  await item.getByRole('textbox', { name: 'Tags, separated by commas' }).fill('diplomatie, à revoir')
  await item.getByRole('button', { name: 'Save' }).click()
  await expect(item.locator('.annotation-note')).toHaveText(`${NOTE}, reprise en p8`)
  await expect(item.locator('.annotation-tags .tag')).toHaveText(['diplomatie', 'à revoir'])

  // Bookmarks: the margin button, and `b` on the lit paragraph.
  const p5 = original(page).locator('[data-paragraph="p5"]')
  await p5.hover()
  await p5.getByTestId('bookmark-toggle').click()
  await expect(p5).toHaveAttribute('data-bookmarked', 'true')
  await expect(p5.getByTestId('bookmark-toggle')).toHaveAttribute('aria-pressed', 'true')
  await original(page).locator('[data-sentence="p7:0"]').click()
  await page.keyboard.press('b')
  await expect(original(page).locator('[data-paragraph="p7"]')).toHaveAttribute('data-bookmarked', 'true')
  await expect(panel(page).getByTestId('annotation-item')).toHaveCount(3)
  await expect(panel(page).getByTestId('annotation-item').nth(1)).toContainText('Bookmark')
  await page.keyboard.press('b')
  await expect(original(page).locator('[data-paragraph="p7"]')).not.toHaveAttribute('data-bookmarked')
  await expect(panel(page).getByTestId('annotation-item')).toHaveCount(2)

  // Delete the highlight, then undo.
  await item.getByRole('button', { name: 'Delete' }).click()
  await expect(panel(page).getByTestId('annotation-item')).toHaveCount(1)
  await expect(translation(page).locator('[data-annotated]')).toHaveCount(0)
  await expect.poll(() => paintedHighlights(page)).toEqual({})
  await page.getByRole('status').filter({ hasText: 'Highlight deleted.' }).getByRole('button', { name: 'Undo' }).click()
  await expect(panel(page).getByTestId('annotation-item')).toHaveCount(2)
  await expect(panel(page).getByTestId('annotation-item').first()).toContainText(`${NOTE}, reprise en p8`)
  await expect(translation(page).locator('[data-sentence="p3:0"]')).toHaveAttribute('data-annotated', 'green')

  // A note on a whole paragraph, from the panel, for the lit one.
  await original(page).locator('[data-sentence="p9:0"]').click()
  await panel(page).getByRole('button', { name: 'Note on the current paragraph' }).click()
  await panel(page).getByRole('textbox', { name: 'Note on paragraph 9' }).fill('La Voie Brillante : à vérifier')
  await panel(page).getByRole('button', { name: 'Save' }).click()
  await expect(panel(page).getByTestId('annotation-item')).toHaveCount(3)
  await expect(panel(page).getByTestId('annotation-item').last()).toContainText('Paragraph note')
  await expect(panel(page).getByTestId('annotation-item').last()).toContainText('La Voie Brillante : à vérifier')

  // The article's notes as Markdown.
  const { download, content } = await downloaded(page, () => panel(page).getByRole('button', { name: 'Markdown' }).click())
  expect(download.suggestedFilename()).toMatch(/\.md$/)
  expect(content).toContain(`# ${SEED_TITLE}`)
  expect(content).toContain(`**${PHRASE}**`)
  expect(content).toContain(`${NOTE}, reprise en p8`)
  expect(content).toMatch(/### Bookmark · Paragraph 5/)
  expect(content).toMatch(/\(visavis:\/\/article\/[0-9a-f]{16}#p3\)/)
})

test('the Notes screen finds notes across the library, links to their paragraph and exports them', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  const articleId = /#\/article\/([0-9a-f]{16})/.exec(page.url())![1]!
  await selectInPane(page, 'original', 'p3', PHRASE)
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Note', exact: true }).click()
  await page.getByRole('textbox', { name: 'Note text' }).fill(NOTE)
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('selection-toolbar')).toHaveCount(0)
  // A passage across two sentences marks both of their translations.
  const across = "communauté internationale. D'importants progrès"
  await selectInPane(page, 'original', 'p7', 'communauté internationale', "D'importants progrès")
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Highlight in blue' }).click()
  await expect
    .poll(() => paintedHighlights(page))
    .toEqual({
      'visavis-yellow': [PHRASE],
      'visavis-noted': [PHRASE],
      'visavis-blue': [across],
    })
  await expect(translation(page).locator('[data-paragraph="p7"] [data-annotated="blue"]')).toHaveCount(2)

  await page.getByRole('link', { name: 'Library' }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' }).click()
  await expect(page).toHaveURL(/#\/notes$/)
  const cards = page.getByTestId('note-card')
  await expect(cards).toHaveCount(2)

  await page.getByRole('searchbox', { name: 'Search the notes' }).fill('diplomatie')
  await expect(cards).toHaveCount(1)
  await expect(cards).toContainText(PHRASE)
  await expect(cards).toContainText(NOTE)
  await page.getByRole('searchbox', { name: 'Search the notes' }).fill('introuvable')
  await expect(page.getByText('No note matches.')).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search the notes' }).fill('')
  await page.getByRole('combobox', { name: 'Colour' }).selectOption('blue')
  await expect(cards).toHaveCount(1)
  await expect(cards).toContainText(across)
  await page.getByRole('combobox', { name: 'Colour' }).selectOption('')
  await page.getByRole('combobox', { name: 'Filter by article' }).selectOption(articleId)
  await expect(cards).toHaveCount(2)

  // The whole library's notes as CSV (with a BOM, for spreadsheets) and as Anki cards.
  const csv = await downloaded(page, () => page.getByRole('button', { name: 'CSV' }).click())
  expect(csv.download.suggestedFilename()).toMatch(/\.csv$/)
  expect(
    csv.content.startsWith(
      '\uFEFFarticle,translated title,kind,side,paragraph,original,translation,quote,note,tags,colour,link,created\r\n',
    ),
  ).toBe(true)
  expect(csv.content).toContain(`national,China and Kazakhstan agree to work together for the national renewal,highlight,original,3,`)
  expect(csv.content).toContain(`,${PHRASE},`)
  expect(csv.content).toContain(NOTE)
  const anki = await downloaded(page, () => page.getByRole('button', { name: 'Anki' }).click())
  expect(anki.content.startsWith('#separator:tab\n#html:true\n')).toBe(true)
  expect(anki.content).toContain(`<b>${PHRASE}</b>`)
  expect(anki.content).toContain(`<i>${NOTE}</i>`)
  expect(
    anki.content
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('#')),
  ).toHaveLength(2)

  // A card opens the reader at its paragraph.
  await cards.filter({ hasText: PHRASE }).getByRole('link').click()
  await expect(page).toHaveURL(new RegExp(`#/article/${articleId}/p3$`))
  await expect(translation(page).locator('[data-sentence="p3:0"]')).toHaveAttribute('data-annotated', 'yellow')
  await expect
    .poll(async () => (await original(page).locator('[data-paragraph="p3"]').boundingBox())!.y, { message: 'p3 is near the top' })
    .toBeLessThan(200)

  // The deep link of the exports' shape, `#/article/<id>#p12`, opens there too.
  await page.evaluate(() => (window.location.hash = '#/'))
  await page.evaluate((id) => (window.location.hash = `#/article/${id}#p12`), articleId)
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(16)
  await expect
    .poll(async () => (await original(page).locator('[data-paragraph="p12"]').boundingBox())!.y, { message: 'p12 is near the top' })
    .toBeLessThan(200)
})

test('a selection dragged from the original over the translation stays in the original, at the pointer’s height', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  const start = (await original(page).locator('[data-sentence="p3:0"]').boundingBox())!
  const across = (await translation(page).locator('[data-paragraph="p3"]').boundingBox())!
  await page.mouse.move(start.x + 2, start.y + 5)
  await page.mouse.down()
  await page.mouse.move(start.x + 200, start.y + 30, { steps: 5 })
  await page.mouse.move(across.x + 100, across.y + 30, { steps: 10 })
  await page.mouse.up()

  const selected = await page.evaluate(() => window.getSelection()!.toString())
  const p3 = await original(page).locator('[data-paragraph="p3"]').innerText()
  expect(selected.length).toBeGreaterThan(20)
  expect(p3).toContain(selected)
  await expect(page.getByTestId('selection-toolbar')).toBeVisible()
})

test('a highlight across two paragraphs is one annotation, painted and facing its translation in both', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  await original(page).evaluate((pane) => {
    const textOf = (paragraphId: string) => pane.querySelector(`[data-paragraph="${paragraphId}"] .sentence`)!.firstChild as Text
    const range = document.createRange()
    const first = textOf('p3')
    range.setStart(first, first.data.indexOf('communauté de destin'))
    range.setEnd(textOf('p4'), 'Le rêve chinois'.length)
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
    pane.querySelector('[data-paragraph="p4"]')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
  })
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Highlight in pink' }).click()

  await expect
    .poll(async () => (await paintedHighlights(page))['visavis-pink'])
    .toEqual(["communauté de destin pour l'humanité, a affirmé M. Xi.", 'Le rêve chinois'])
  await expect(translation(page).locator('[data-paragraph="p3"] [data-annotated="pink"]')).toHaveCount(1)
  await expect(translation(page).locator('[data-paragraph="p4"] [data-annotated="pink"]')).toHaveCount(1)
  await page.keyboard.press('n')
  await expect(panel(page).getByTestId('annotation-item')).toHaveCount(1)
  await expect(panel(page).getByTestId('annotation-item')).toContainText('Le rêve chinois')
})
