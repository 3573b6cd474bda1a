import { expect, test } from '@playwright/test'

import { type ServedHost, serveFreshLibrary } from './support/host'

let host: ServedHost

test.beforeEach(async () => {
  host = await serveFreshLibrary()
})

test.afterEach(async () => {
  await host.stop()
})

const PAGES = [
  ['en-US', 'This page cannot reach Vis-à-vis'],
  ['fr-FR', 'Cette page ne peut pas joindre Vis-à-vis'],
  ['zh-CN', '此页面无法连接 Vis-à-vis'],
] as const

for (const [locale, title] of PAGES) {
  test.describe(locale, () => {
    test.use({ locale })

    test(`a wrong or missing key shows one page that says what to open, in ${locale}`, async ({ page }) => {
      const origin = new URL(host.url).origin
      for (const address of [`${origin}/?token=not-the-key`, `${origin}/`]) {
        await page.goto(address)
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
        await expect(page.getByRole('alert')).toContainText('visavis serve')
        // Nothing else: no screen waiting for answers that will not come, no error banner beside it.
        await expect(page.getByRole('navigation')).toHaveCount(0)
        await expect(page.getByRole('heading')).toHaveCount(1)
      }
    })
  })
}
