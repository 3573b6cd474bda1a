import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { expect, type Page, test } from '@playwright/test'

import { SEED_PATH } from '../support/seed'
import { type ServedHost, serveFreshLibrary } from './support/host'

/** The reader's states say what is true: the engine in use, a choice kept across reloads, why nothing translates. */

let host: ServedHost | undefined
let workDir: string | undefined

test.afterEach(async () => {
  await host?.stop()
  if (workDir) await rm(workDir, { recursive: true, force: true })
  host = workDir = undefined
})

/** A PATH holding node alone: Apertium is not found, and no Bergamot model is installed, so no engine is ready. */
async function pathWithoutEngines(): Promise<string> {
  workDir = await mkdtemp(join(tmpdir(), 'visavis-e2e-states-'))
  const bin = join(workDir, 'bin')
  await mkdir(bin)
  await symlink(process.execPath, join(bin, 'node'))
  return bin
}

async function openSample(page: Page) {
  await page.goto(host!.url)
  await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
  await page.getByTestId('article-item').getByRole('link').click()
}

const translated = (page: Page) => page.getByTestId('pane-translation').locator('.cell-translation[data-state="done"]')
const placeholders = (page: Page) => page.locator('.placeholder')

test('an engine chosen in the reader is the one in use after a reload, with the translation on disk', async ({ page }) => {
  // Bergamot is the default here but has no model; Apertium is installed. Wide enough for the engine menu in the bar.
  await page.setViewportSize({ width: 1600, height: 900 })
  host = await serveFreshLibrary(['--engine', 'bergamot', '--to', 'en'])
  await openSample(page)
  const engine = page.getByLabel('Engine')
  const notice = page.getByTestId('translation-unavailable')
  await expect(notice).toContainText('Bergamot cannot translate French into English here.')
  await expect(notice).toContainText('Apertium can translate it: choose it in the Engine menu above.')
  await expect(engine.locator('option:checked')).toHaveText('Bergamot (not ready)')
  await expect(placeholders(page)).toHaveCount(0)

  await engine.selectOption('apertium')
  await expect(translated(page)).toHaveCount(16, { timeout: 30_000 })
  await expect(page.getByTestId('translation-progress')).toContainText('Translated by Apertium')

  await page.reload()
  await expect(translated(page)).toHaveCount(16)
  await expect(engine.locator('option:checked')).toHaveText('Apertium')
  await expect(page.getByTestId('translation-progress')).toContainText('Translated by Apertium')
  await expect(notice).toHaveCount(0)

  await page.goto(page.url().replace(/#.*$/, '#/settings'))
  await expect(page.locator('#settings-engine option:checked')).toHaveText('Apertium')
})

const NO_ENGINE = [
  {
    locale: 'fr-FR',
    reason: 'Aucun moteur de traduction de cet ordinateur ne prend encore en charge la paire français → anglais.',
    fix: 'Pour la traduire, téléchargez un modèle Bergamot, installez Apertium ou indiquez un serveur LibreTranslate dans les Paramètres.',
    engineLabel: 'Moteur',
    none: 'Aucun prêt',
  },
  {
    locale: 'zh-CN',
    reason: '本机目前没有能将法语译为英语的翻译引擎。',
    fix: '要翻译它，请在设置中下载 Bergamot 模型、安装 Apertium 或填写 LibreTranslate 服务器地址。',
    engineLabel: '引擎',
    none: '无可用引擎',
  },
]

for (const expected of NO_ENGINE) {
  test.describe(expected.locale, () => {
    test.use({ locale: expected.locale })

    test(`with no engine ready, no placeholder remains and the reader says why and what to do, in ${expected.locale}`, async ({ page }) => {
      host = await serveFreshLibrary(['--to', 'en'], { env: { ...process.env, PATH: await pathWithoutEngines() } })
      await openSample(page)
      const notice = page.getByTestId('translation-unavailable')
      await expect(notice).toContainText(expected.reason)
      await expect(notice).toContainText(expected.fix)
      await expect(page.getByLabel(expected.engineLabel).locator('option:checked')).toHaveText(expected.none)
      await expect(placeholders(page)).toHaveCount(0)
      await expect(page.getByTestId('pane-translation').locator('[data-state="pending"]')).toHaveCount(0)
    })
  })
}
