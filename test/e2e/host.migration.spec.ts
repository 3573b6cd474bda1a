import { cp } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, type Page, test } from '@playwright/test'

import { type ServedHost, serveFreshLibrary } from './support/host'

/** A library written by the version before article structure (see test/fixtures/README.md). */
const VERSION_1_LIBRARY = join(import.meta.dirname, '../fixtures/library-v1')
const STRUCTURED_PAGE = join(import.meta.dirname, '../fixtures/structured-page.html')

let host: ServedHost

test.beforeEach(async () => {
  host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'], {
    prepare: (userDataDir) => cp(VERSION_1_LIBRARY, join(userDataDir, 'library'), { recursive: true }),
  })
})

test.afterEach(async () => {
  await host.stop()
})

const original = (page: Page) => page.getByTestId('pane-original')
const translation = (page: Page) => page.getByTestId('pane-translation')

test('a library made by the previous version opens with nothing lost, and takes the structure of its page imported again', async ({
  page,
}) => {
  await page.goto(host.url)
  await expect(page.getByTestId('article-item')).toHaveCount(1)
  await page.getByTestId('article-item').getByRole('link').click()

  // Its cached translation, its notes and bookmark, and the paragraph where the reader was.
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(14, { timeout: 30_000 })
  await expect(original(page).locator('[data-paragraph="p2"]')).toHaveAttribute('data-bookmarked', 'true')
  await expect(original(page).locator('[data-paragraph="p9"] .notes-marker')).toBeVisible()
  await expect(original(page).locator('[data-paragraph="p11"] .notes-marker')).toBeVisible()
  await expect
    .poll(async () => (await original(page).locator('[data-paragraph="p9"]').boundingBox())!.y, { message: 'reopened at p9' })
    .toBeLessThan(250)
  await expect(original(page).locator('h3.cell')).toHaveCount(0)

  // The same page imported again brings its headings; the notes stay where they were.
  await page.getByRole('link', { name: 'Library' }).click()
  await page.getByTestId('import-file-input').setInputFiles(STRUCTURED_PAGE)
  await expect(page.getByText(/its headings, lists and emphasis were added/)).toBeVisible()
  await page.getByTestId('article-item').getByRole('link').click()
  await expect(original(page).locator('h3.cell')).toHaveText(['Une décennie de travaux', 'L’entretien'])
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(14, { timeout: 30_000 })
  await expect(original(page).locator('[data-paragraph="p9"] .notes-marker')).toBeVisible()
  await expect(original(page).locator('[data-paragraph="p2"]')).toHaveAttribute('data-bookmarked', 'true')
})
