import { expect, test } from '@playwright/test'

import { type ServedHost, serveFreshLibrary } from './support/host'

let host: ServedHost

test.beforeEach(async () => {
  host = await serveFreshLibrary()
})

test.afterEach(async () => {
  await host.stop()
})

const LATER_SCREENS = ['SettingsScreen', 'NotesScreen', 'GlossaryScreen']

test('the library loads without the other screens’ code, with its fonts preloaded; a screen’s code comes when it opens', async ({
  page,
}) => {
  const scripts: string[] = []
  const errors: string[] = []
  page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)))
  // An API answer that is an error (Settings asks for the model catalogue, unreachable offline: 503) is the screen's
  // to word; what must not happen is an error of the page itself (a font or a script that fails).
  page.on('console', (message) => {
    if (message.type() === 'error' && !new URL(message.location().url || host.url).pathname.startsWith('/api/')) errors.push(message.text())
  })
  await page.goto(host.url)
  await expect(page.getByRole('button', { name: 'Paste text' })).toBeVisible()
  expect(scripts.filter((script) => LATER_SCREENS.some((screen) => script.includes(screen)))).toEqual([])

  // The fonts the library is set in are preloaded, and used as preloaded: each file is fetched once.
  const preloaded = await page
    .locator('link[rel="preload"][as="font"]')
    .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href))
  expect(preloaded).toHaveLength(2)
  await expect
    .poll(() => page.evaluate(() => [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family)))
    .toEqual(expect.arrayContaining(['Literata Variable', 'Source Sans 3 Variable']))
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))
  for (const font of preloaded)
    expect(
      fetched.filter((name) => name === font),
      font,
    ).toHaveLength(1)

  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  expect(scripts.some((script) => script.includes('SettingsScreen'))).toBe(true)
  expect(errors).toEqual([])
})
