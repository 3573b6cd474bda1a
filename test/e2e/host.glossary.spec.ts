import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { expect, type Page, test } from '@playwright/test'

import { SEED_PATH } from '../support/seed'
import { serveForEachTest } from './support/host'
import { openArticle, translation } from './support/reader'
import { selectInPane } from './support/selection'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../bin/visavis.js')
const WRONG = 'community of fate'
const RIGHT = 'community with a shared future'

const host = serveForEachTest()

const translatedCell = (page: Page, paragraphId: string) => translation(page).locator(`.cell-translation[data-paragraph="${paragraphId}"]`)
const toolbar = (page: Page) => page.getByTestId('selection-toolbar')

test('a correction made from a selection re-translates the article at once, and stays after a restart', async ({ page }) => {
  await openArticle(page, host.url, SEED_PATH, 16)
  await expect(page.getByTestId('translated-title')).toHaveText(/^China and Kazakhstan agree to work together/)
  await expect(translatedCell(page, 'p3')).toContainText(WRONG)

  // Words selected in the translation: what it should say is prefilled, the original sentence shown as a hint.
  await selectInPane(page, 'translation', 'p3', 'humanity')
  await toolbar(page).getByRole('button', { name: 'Fix translation' }).click()
  await expect(toolbar(page).getByLabel('Translation should be')).toHaveValue('humanity')
  await expect(toolbar(page).getByLabel('Original words')).toHaveValue('')
  await expect(toolbar(page)).toContainText('In the original: La Chine souhaite travailler de concert avec le Kazakhstan')
  await toolbar(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(toolbar(page)).toHaveCount(0)

  // Words selected in the original: empty translation refused, in words, with nothing lost.
  await selectInPane(page, 'original', 'p3', 'communauté de destin')
  await toolbar(page).getByRole('button', { name: 'Fix translation' }).click()
  await expect(toolbar(page).getByLabel('Original words')).toHaveValue('communauté de destin')
  await toolbar(page).getByRole('button', { name: 'Save and translate again' }).click()
  await expect(toolbar(page).getByRole('alert')).toHaveText('Type the translation these words should have.')
  await expect(toolbar(page).getByLabel('Original words')).toHaveValue('communauté de destin')

  await toolbar(page).getByLabel('Translation should be').fill(RIGHT)
  await toolbar(page).getByRole('button', { name: 'Save and translate again' }).click()
  // "At once" means without reopening the article; the wait allows for Apertium re-translating on a loaded 2-core CI machine.
  await expect(translatedCell(page, 'p3')).toContainText(RIGHT, { timeout: 20_000 })
  await expect(translatedCell(page, 'p8')).toContainText(RIGHT, { timeout: 20_000 })
  await expect(translatedCell(page, 'p3')).not.toContainText(WRONG)
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(16)

  const listed = JSON.parse((await run(process.execPath, [BIN, 'glossary', 'list', '--json', '--library', host.libraryDir])).stdout)
  expect(listed).toEqual([expect.objectContaining({ source: 'communauté de destin', target: RIGHT, from: 'fr', to: 'en' })])

  await host.restart()
  await page.goto(`${host.url}#/glossary`)
  await expect(page.getByTestId('glossary-entry')).toHaveCount(1)
  await expect(page.getByTestId('glossary-entry')).toContainText(`communauté de destin → ${RIGHT}`)
  await expect(page.getByTestId('glossary-entry')).toContainText('French → English')
  await page.getByRole('link', { name: 'Library' }).click()
  await page.getByTestId('article-item').getByRole('link').click()
  await expect(translatedCell(page, 'p3')).toContainText(RIGHT, { timeout: 30_000 })
})

test('the Glossary screen edits a correction, and deletes it with an undo', async ({ page }) => {
  await run(process.execPath, [BIN, 'glossary', 'add', 'Voie brillante', 'Bright Path', '--library', host.libraryDir])
  await page.goto(`${host.url}#/glossary`)
  const entry = page.getByTestId('glossary-entry')
  await expect(entry).toContainText('Voie brillante → Bright Path')

  await entry.getByRole('button', { name: 'Edit' }).click()
  await page.getByLabel('Translation should be').fill(' ')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveText('Type the translation these words should have.')
  await page.getByLabel('Translation should be').fill('Bright Road')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(entry).toContainText('Voie brillante → Bright Road')

  await entry.getByRole('button', { name: 'Delete' }).click()
  await expect(entry).toHaveCount(0)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(entry).toContainText('Voie brillante → Bright Road')
  const listed = JSON.parse((await run(process.execPath, [BIN, 'glossary', 'list', '--json', '--library', host.libraryDir])).stdout)
  expect(listed).toEqual([expect.objectContaining({ source: 'Voie brillante', target: 'Bright Road' })])

  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Language of the app').selectOption('zh-CN')
  await page.getByRole('link', { name: '术语表' }).click()
  await expect(page.getByRole('heading', { name: '术语表' })).toBeVisible()
  await expect(entry.getByRole('button', { name: '编辑' })).toBeVisible()
})

test('unsure sentences carry a quiet marker that opens why, and the other route’s translation', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'visavis-doubt-'))
  const file = join(dir, 'mouche.txt')
  await writeFile(file, 'Essai\n\nUn nouveau fichier. La phrase fait mouche.\n')
  try {
    await openArticle(page, host.url, file, 1)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const markers = translation(page).getByTestId('doubt-marker')
  await expect(markers).toHaveCount(1)
  await expect(translation(page).locator('[data-sentence="p1:1"][data-unsure]')).toBeVisible()
  await expect(translation(page).locator('[data-sentence="p1:0"][data-unsure]')).toHaveCount(0)

  // Keyboard: the marker is a button reachable with Tab, named in the UI language.
  const marker = markers.first()
  await expect(marker).toHaveAccessibleName('Unsure translation: show why')
  await expect(marker).toHaveAttribute('tabindex', '0')
  await expect(marker).toHaveAttribute('role', 'button')
  await marker.focus()
  await page.keyboard.press('Enter')
  const popover = translation(page).getByTestId('doubt-popover')
  await expect(popover.getByTestId('doubt-chosen')).toHaveText(
    /^Shown: via Spanish \((fewer words left untranslated|reads more like English|the usual way)\)$/,
  )
  await expect(popover).toContainText('Via Catalan: The sentence makes fly.')
  await page.keyboard.press('Escape')
  await expect(popover).toHaveCount(0)

  // The rows stay level with the marker and its popover.
  const [left, right] = [
    await page.getByTestId('pane-original').locator('.cell').first().boundingBox(),
    await translation(page).locator('.cell').first().boundingBox(),
  ]
  expect(Math.abs(left!.y - right!.y)).toBeLessThan(1)
  await marker.click()
  await expect(popover).toBeVisible()
  const rowAfter = (await translation(page).locator('.cell').first().boundingBox())!
  expect(rowAfter.height).toBe(right!.height)
})
