import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { expect, type Page, test } from '@playwright/test'

import { formatBytes } from '../../renderer/src/settings/format'
import { type ModelFileSet, registryEntry } from '../support/bergamot-fixtures'
import { type LoopbackServer, startLoopbackServer } from '../support/bergamot-loopback-server'
import { SEED_PATH } from '../support/seed'
import { TINY_MODEL_FILES, writeTinyBergamotModel } from '../support/tiny-bergamot-model'
import { type ServedHost, serveFreshLibrary } from './support/host'

/**
 * A first run where no engine is ready: no Apertium on the PATH, an empty models folder, and a catalogue on a
 * loopback server that answers like Firefox's bucket (gzip-encoded bodies, Range ignored). The translation pane
 * offers the model, downloads it in place, and the translation streams in without a reload.
 */

let host: ServedHost
let registry: LoopbackServer
let workDir: string
let files: ModelFileSet

test.beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'visavis-e2e-first-run-'))
  files = await tinyModelFiles(join(workDir, 'fren'))
  registry = await serveRegistry(files)
  const nodeOnly = join(workDir, 'bin')
  await mkdir(nodeOnly)
  await symlink(process.execPath, join(nodeOnly, 'node'))
  host = await serveFreshLibrary(['--catalogue', `${registry.baseUrl}registry.json`, '--to', 'en'], {
    env: { ...process.env, PATH: nodeOnly },
  })
})

test.afterEach(async () => {
  await host.stop()
  await registry.close()
  await rm(workDir, { recursive: true, force: true })
})

async function tinyModelFiles(dir: string): Promise<ModelFileSet> {
  await writeTinyBergamotModel(dir)
  const read = async (name: string) => ({ name, body: await readFile(join(dir, name)) })
  return { model: await read(TINY_MODEL_FILES.model), lex: await read(TINY_MODEL_FILES.lex), vocab: await read(TINY_MODEL_FILES.vocab) }
}

/** The registry lists the files' gzip sizes, as Firefox's does for the files its bucket gzip-encodes on the way. */
async function serveRegistry(model: ModelFileSet): Promise<LoopbackServer> {
  const server = await startLoopbackServer()
  const entry = registryEntry(model) as Record<string, { estimatedCompressedSize: number }>
  for (const [role, file] of Object.entries(model)) {
    entry[role]!.estimatedCompressedSize = gzipSync(file.body).length
    server.files.set(`/fren/${file.name}`, { body: file.body, gzipEncoded: true, ignoreRange: true, pieceDelayMs: 60 })
  }
  server.files.set('/registry.json', { body: Buffer.from(JSON.stringify({ fren: entry })) })
  return server
}

const offer = (page: Page) => page.getByTestId('pane-translation').getByTestId('translation-unavailable')

async function setUiLanguage(page: Page, language: string) {
  const readerUrl = page.url()
  await page.goto(readerUrl.replace(/#.*$/, '#/settings'))
  await page.locator('#settings-ui-language').selectOption(language)
  await page.goto(readerUrl)
}

test('offers the missing model in the translation pane, in the UI language, and translates once it is downloaded', async ({ page }) => {
  await page.goto(host.url)
  await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
  await page.getByTestId('article-item').getByRole('link').click()

  await expect(offer(page)).toContainText('No translation engine on this computer translates French into English yet.')
  const transferBytes = Object.values(files).reduce((sum, file) => sum + gzipSync(file.body).length, 0)
  const size = (language: string) => formatBytes(transferBytes, language)
  await expect(offer(page).getByRole('button', { name: `Download French → English (${size('en')})`, exact: true })).toBeVisible()
  await setUiLanguage(page, 'fr')
  await expect(offer(page)).toContainText('la paire français → anglais')
  await expect(offer(page).getByRole('button', { name: `Télécharger français → anglais (${size('fr')})`, exact: true })).toBeVisible()
  await setUiLanguage(page, 'zh-CN')
  await expect(offer(page)).toContainText('本机目前没有能将法语译为英语的翻译引擎。')
  await expect(offer(page).getByRole('button', { name: `下载法语 → 英语模型（${size('zh-CN')}）`, exact: true })).toBeVisible()
  await setUiLanguage(page, 'en')
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true))

  // The first download stalls part way, so that it is still running when Cancel is pressed, however loaded the machine.
  registry.files.get(`/fren/${files.model.name}`)!.stallAfter = 16 * 1024
  await offer(page)
    .getByRole('button', { name: /^Download French → English/ })
    .click()
  await expect(offer(page).getByRole('progressbar')).toBeVisible()
  await offer(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(offer(page).getByRole('button', { name: /^Download French → English \(/ })).toBeVisible()

  const lex = registry.files.get(`/fren/${files.lex.name}`)!
  lex.body = Buffer.from(files.lex.body).fill(0, 0, 64)
  await offer(page)
    .getByRole('button', { name: /^Download French → English/ })
    .click()
  await expect(offer(page).getByRole('alert')).toContainText(/does not match the catalogue/)
  lex.body = files.lex.body

  await offer(page)
    .getByRole('button', { name: /^Download French → English again/ })
    .click()
  await expect(offer(page).getByRole('progressbar')).toHaveAttribute('value', /^[1-9]\d*$/)
  const translated = page.getByTestId('pane-translation').locator('.cell-translation[data-state="done"]')
  await expect(translated).toHaveCount(16, { timeout: 45_000 })
  await expect(page.getByTestId('translation-progress')).toContainText('Translated by Bergamot')
  await expect(offer(page)).toHaveCount(0)
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
})
