import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { expect, type Page, test } from '@playwright/test'

import { SEED_PATH } from '../support/seed'
import { serveFreshLibrary } from './support/host'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../bin/visavis.js')

/** Font families of the CJK faces a system may have (Noto CJK is installed for this test, as on many machines). */
const CJK_FONT = /CJK|Source Han|Song|Hei|Ming|Kai|PingFang|YaHei|SimSun|WenQuanYi/i

/** The fonts Chromium used to draw the text of the first element `selector` finds (DevTools protocol). */
async function platformFonts(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready)
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    return fonts.map((font) => font.familyName)
  } finally {
    await cdp.detach()
  }
}

for (const uiLanguage of ['en', 'fr', 'zh-CN']) {
  test(`sets French text in the shipped Latin fonts, never a CJK font, in the ${uiLanguage} interface`, async ({ page }) => {
    const host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'], {
      prepare: async (userDataDir) => {
        await run(process.execPath, [BIN, 'import', SEED_PATH, '--library', join(userDataDir, 'library')])
        await writeFile(join(userDataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, uiLanguage }))
      },
    })
    try {
      const seen: Record<string, string[]> = {}
      await page.goto(host.url)
      await expect(page.locator('.article-title').first()).toBeVisible()
      seen['library title'] = await platformFonts(page, '.article-title')

      await page.getByTestId('article-item').getByRole('link').click()
      await expect(page.locator('.cell-translation[data-state="done"]').first()).toBeVisible({ timeout: 60_000 })
      seen['original'] = await platformFonts(page, '.cell-original [data-sentence]')
      seen['translation'] = await platformFonts(page, '.cell-translation[data-state="done"] [data-sentence]')

      await page.goto(`${host.url}#/settings`)
      await expect(page.locator('.settings-preview p')).toBeVisible()
      seen['settings preview'] = await platformFonts(page, '.settings-preview p')

      for (const [where, fonts] of Object.entries(seen)) {
        expect(
          fonts.filter((font) => CJK_FONT.test(font)),
          `${where}: ${fonts.join(', ')}`,
        ).toEqual([])
        expect(fonts, where).toContain('Literata')
      }
    } finally {
      await host.stop()
    }
  })
}
