import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { type ServedHost, serveFreshLibrary } from './support/host'

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
  await expect(item).toContainText('663 words')
  await expect(page.getByTestId('import-summary')).toContainText(`Imported “${SEED_TITLE}”`)

  await item.getByRole('link').click()
  const original = page.getByTestId('pane-original')
  const translation = page.getByTestId('pane-translation')
  await expect(original.locator('p').first()).toHaveText(/^Le président chinois Xi Jinping s'est entretenu/)
  await expect(original.locator('p')).toHaveCount(16)
  await expect(translation.locator('.cell-translation').first()).toHaveText(/^The Chinese president Xi Jinping/)

  const [left, right] = [await original.locator('.cell').first().boundingBox(), await translation.locator('.cell').first().boundingBox()]
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
    await expect(page.getByText(expected)).toBeVisible()
  }
  await expect(page.getByTestId('article-item')).toHaveCount(1)
})

test('shows a clear error for a file that is not text and keeps the library as it was', async ({ page }) => {
  await page.goto(host.url)
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0xff, 0xd8, 0, 0, 0x10, 0]) })
  await expect(page.getByTestId('import-summary')).toContainText('failed 1')
  await expect(page.getByTestId('import-summary')).toContainText('photo.txt is not a text file')
  await expect(page.getByText(/Your library is empty/)).toBeVisible()
})

test('refuses the API without the token', async ({ request }) => {
  const response = await request.post(new URL('/api/listArticles', host.url).href, { data: {} })
  expect(response.status()).toBe(401)
})

test('imports a folder with a summary, then searches, filters, deletes and undoes', async ({ page }) => {
  await page.goto(host.url)
  const folder = await mkdtemp(join(tmpdir(), 'visavis-folder-'))
  await writeFile(join(folder, 'seed.txt'), await readFile(SEED_PATH))
  await writeFile(join(folder, 'meteo.txt'), 'La météo de demain\n\nIl pleuvra sur Paris et le soleil reviendra dimanche.')
  await writeFile(join(folder, 'weather.txt'), 'Tomorrow’s weather\n\nIt will rain over London, and the sun will come back on Sunday.')
  await writeFile(join(folder, 'empty.txt'), '')
  await writeFile(join(folder, 'photo.jpg'), 'not an article: skipped in a folder')
  await page.getByTestId('import-folder-input').setInputFiles(folder)
  const summary = page.getByTestId('import-summary')
  await expect(summary).toContainText('Imported 3 · already in the library 0 · failed 1', { timeout: 30_000 })
  await expect(summary).toContainText('empty.txt is empty')
  const items = page.getByTestId('article-item')
  await expect(items).toHaveCount(3)
  await rm(folder, { recursive: true })

  await page.getByRole('searchbox', { name: 'Search the library' }).fill('developpement')
  const hits = page.getByTestId('search-hit')
  await expect(hits).toHaveCount(1)
  await expect(hits.first()).toContainText(SEED_TITLE)
  await expect(hits.first().locator('mark').first()).toHaveText('développement')
  await page.getByRole('searchbox', { name: 'Search the library' }).fill('')

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'English' })
  await expect(items).toHaveCount(1)
  await expect(items).toContainText('Tomorrow’s weather')
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'All languages' })
  await expect(items).toHaveCount(3)

  const seedItem = items.filter({ hasText: SEED_TITLE })
  await seedItem.getByRole('button', { name: `Actions for “${SEED_TITLE}”` }).click()
  await seedItem.getByRole('button', { name: 'Tags' }).click()
  await seedItem.getByRole('textbox', { name: 'Tags, separated by commas' }).fill('Asie, politique')
  await seedItem.getByRole('textbox').press('Enter')
  await expect(seedItem.locator('.tag')).toHaveText(['Asie', 'politique'])
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('Asie')
  await expect(items).toHaveCount(1)
  await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'All tags' })

  await page.getByRole('button', { name: 'Actions for “La météo de demain”' }).click()
  await page.getByRole('button', { name: 'Delete “La météo de demain”' }).click()
  await expect(items).toHaveCount(2)
  await expect(page.getByText('“La météo de demain” was deleted.')).toBeVisible()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(items).toHaveCount(3)
  await expect(items.filter({ hasText: 'La météo de demain' })).toHaveCount(1)
  await page.reload()
  await expect(items).toHaveCount(3)
})

test('imports files dropped onto the window', async ({ page }) => {
  await page.goto(host.url)
  const text = await readFile(SEED_PATH, 'utf8')
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([content], 'dropped.txt', { type: 'text/plain' }))
    return transfer
  }, text)
  await page.locator('.library-screen').dispatchEvent('dragover', { dataTransfer })
  await expect(page.getByText('Drop articles to import them')).toBeVisible()
  await page.locator('.library-screen').dispatchEvent('drop', { dataTransfer })
  await expect(page.getByTestId('article-item')).toContainText(SEED_TITLE)
  await expect(page.getByText('Drop articles to import them')).toHaveCount(0)
})

test('asks before importing a page on this computer, and imports it once the reader says so', async ({ page }) => {
  const { createServer } = await import('node:http')
  const html =
    '<html lang="fr"><head><title>Une page locale</title></head><body><article><h1>Une page locale</h1>' +
    '<p>Cette page est servie par cet ordinateur, et le lecteur doit dire qu’il veut bien l’importer avant que Vis-à-vis aille la chercher.</p>' +
    '<p>Une deuxième phrase suit, pour que la page ressemble à un article que l’on importe vraiment.</p></article></body></html>'
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const address = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/page`
    await page.goto(host.url)
    await page.getByRole('button', { name: 'From the web…' }).click()
    await page.getByLabel("Address of the article's web page").fill(address)
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const question = page.getByRole('alert').filter({ hasText: 'on this computer or its local network' })
    await expect(question).toContainText(`${address} leads to 127.0.0.1`)
    await expect(page.getByTestId('article-item')).toHaveCount(0)
    await question.getByRole('button', { name: 'Import anyway' }).click()
    await expect(page.getByTestId('article-item')).toContainText('Une page locale')
  } finally {
    server.close()
  }
})
