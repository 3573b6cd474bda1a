import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { serveFreshLibrary, type ServedHost } from './support/host'

let host: ServedHost

test.beforeEach(async () => {
  host = await serveFreshLibrary()
})

test.afterEach(async () => {
  await host.stop()
})

test('imports the sample by file picker, lists it, and opens it side by side', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.getByText(/Your library is empty/)).toBeVisible()

  await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
  const item = page.getByTestId('article-item')
  await expect(item).toHaveCount(1)
  await expect(item).toContainText(SEED_TITLE)
  await expect(item).toContainText('16 paragraphs')

  await item.getByRole('link').click()
  const original = page.getByTestId('pane-original')
  const translation = page.getByTestId('pane-translation')
  await expect(original.locator('p').first()).toHaveText(/^Le président chinois Xi Jinping s'est entretenu/)
  await expect(original.locator('p')).toHaveCount(16)
  await expect(translation).toContainText('No translation engine yet')

  const [left, right] = [await original.boundingBox(), await translation.boundingBox()]
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1)

  await page.reload()
  await expect(original.locator('p').first()).toHaveText(/^Le président chinois/)
})

test('imports pasted text, and says so when the same article comes again', async ({ page }) => {
  await page.goto(host.url)
  const text = await readFile(SEED_PATH, 'utf8')
  for (const expected of [/Imported “La Chine/, /already in the library/]) {
    await page.getByRole('button', { name: 'Paste text' }).click()
    await page.getByLabel(/Article text/).fill(text)
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(page.getByRole('status')).toHaveText(expected)
  }
  await expect(page.getByTestId('article-item')).toHaveCount(1)
})

test('shows a clear error for a file that is not text and keeps the library as it was', async ({ page }) => {
  await page.goto(host.url)
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0xff, 0xd8, 0, 0, 0x10, 0]) })
  await expect(page.getByRole('alert')).toContainText('photo.txt is not a text file')
  await expect(page.getByText(/Your library is empty/)).toBeVisible()
})

test('refuses the API without the token', async ({ request }) => {
  const response = await request.post(new URL('/api/listArticles', host.url).href, { data: {} })
  expect(response.status()).toBe(401)
})
