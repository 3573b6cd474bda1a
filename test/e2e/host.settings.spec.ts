import { expect, type Page, test } from '@playwright/test'

import { type ServedHost, serveFreshLibrary } from './support/host'

let host: ServedHost

test.beforeEach(async () => {
  host = await serveFreshLibrary()
})

test.afterEach(async () => {
  await host.stop()
})

/** The page's root, where the settings land: `data-theme`, `lang`, and the reading variables in its style. */
const root = (page: Page) => page.locator('html')

test('reached from the library; theme and text size apply at once and are kept', async ({ page }) => {
  const crashes: string[] = []
  page.on('pageerror', (error) => crashes.push(error.message))
  await page.goto(host.url)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('link', { name: 'Library' })).not.toHaveAttribute('aria-current', 'page')

  await page.getByLabel('Theme').selectOption('dark')
  await expect(root(page)).toHaveAttribute('data-theme', 'dark')

  // By keyboard, as a slider is used without a mouse.
  await expect(root(page)).toHaveAttribute('style', /--reading-size: 18px/)
  await page.getByLabel('Text size').focus()
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('settings-appearance').locator('output[for="settings-font-size"]')).toHaveText('22 px')
  await expect(root(page)).toHaveAttribute('style', /--reading-size: 22px/)
  for (const slider of ['#settings-line-height', '#settings-column-width']) {
    await page.locator(slider).focus()
    await page.keyboard.press('ArrowRight')
  }
  await expect(root(page)).toHaveAttribute('style', /--reading-line-height: 1\.7;.*--column-width: 71ch/)

  // Changes are sent in the order made; the reload waits until the last one is saved, as a reload cancels a request.
  const lastSaved = page.waitForResponse(
    async (response) => response.url().endsWith('/api/updateSettings') && (await response.text()).includes('"swapSides":true'),
  )
  await page.getByLabel('Default layout').selectOption('interleaved')
  await page.getByLabel('Translation on the left (swap sides)').check()
  await lastSaved
  await expect(page.getByTestId('app-info')).toContainText(host.libraryDir)

  await page.reload()
  await expect(page.getByLabel('Default layout')).toHaveValue('interleaved')
  await expect(root(page)).toHaveAttribute('data-theme', 'dark')
  await expect(root(page)).toHaveAttribute('style', /--reading-size: 22px/)
  await expect(page.getByLabel('Text size')).toHaveValue('22')
  await expect(page.getByLabel('Translation on the left (swap sides)')).toBeChecked()
  expect(crashes).toEqual([])
})

test('keeps every change when an earlier one is slow to reach the host', async ({ page }) => {
  let held = false
  // The first change is held on its way, as on a busy machine; the next one must not overtake it.
  await page.route('**/api/updateSettings', async (route) => {
    if (!held) {
      held = true
      await new Promise((resolve) => setTimeout(resolve, 1500))
    }
    await route.continue()
  })
  await page.goto(`${host.url}#/settings`)
  await page.getByLabel('Theme').selectOption('dark')
  await page.getByLabel('Translation on the left (swap sides)').check()
  await page.waitForTimeout(3000) // both answers are in
  await expect(root(page)).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByLabel('Translation on the left (swap sides)')).toBeChecked()
  await page.reload()
  await expect(root(page)).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByLabel('Translation on the left (swap sides)')).toBeChecked()
})

test('the UI language switches without a restart', async ({ page }) => {
  await page.goto(`${host.url}#/settings`)
  await page.locator('#settings-ui-language').selectOption('fr')
  await expect(root(page)).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible()
  await expect(page.locator('#settings-ui-language option[value="fr"]')).toHaveText('Français')
  await page.locator('#settings-ui-language').selectOption('en')
  await expect(root(page)).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
})

test('refuses an invalid LibreTranslate address beside the field, and keeps a valid one', async ({ page }) => {
  await page.goto(`${host.url}#/settings`)
  const section = page.getByTestId('settings-libretranslate')
  const address = section.getByLabel('Server address')

  await address.fill('localhost:5000')
  await section.getByRole('button', { name: 'Save' }).click()
  const error = section.locator('#settings-libre-url-error')
  await expect(error).toHaveAttribute('role', 'alert')
  await expect(error).toHaveText(/must start with http:\/\/ or https:\/\//)
  await expect(address).toHaveAttribute('aria-invalid', 'true')
  await expect(address).toHaveValue('localhost:5000')

  // Nothing listens on port 9: saved all the same, and the status says the server cannot be reached.
  await address.fill('http://127.0.0.1:9')
  await section.getByRole('button', { name: 'Save' }).click()
  await expect(section.getByText('Saved.')).toBeVisible()
  await expect(error).toHaveCount(0)
  await expect(page.getByTestId('libretranslate-status')).toContainText('Unavailable', { timeout: 20_000 })

  await page.reload()
  await expect(page.getByTestId('settings-libretranslate').getByLabel('Server address')).toHaveValue('http://127.0.0.1:9')
})

test('says plainly when the model catalogue cannot be reached, and the rest still works', async ({ page }) => {
  const crashes: string[] = []
  page.on('pageerror', (error) => crashes.push(error.message))
  await page.goto(`${host.url}#/settings`)
  const models = page.getByTestId('settings-models')
  const failure = models.getByTestId('catalogue-error')
  await expect(failure.getByRole('alert')).toContainText(/catalogue/i, { timeout: 30_000 })
  await expect(failure.getByRole('button', { name: 'Try again' })).toBeVisible()
  await expect(models).toContainText('No model is installed yet')

  const path = models.getByLabel('Folder or archive')
  await path.fill('/no/such/models.tar.gz')
  await models.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(models.getByRole('alert').filter({ hasText: 'No Bergamot model found in /no/such/models.tar.gz' })).toBeVisible()

  // Each engine not ready says, in words, the step that makes it ready.
  await expect(page.getByTestId('engine-list')).toContainText('Bergamot')
  await expect(page.getByTestId('engine-list')).toContainText('No Bergamot model is installed yet.')
  await expect(page.getByTestId('engine-list')).not.toContainText('[object Object]')
  expect(crashes).toEqual([])
})
