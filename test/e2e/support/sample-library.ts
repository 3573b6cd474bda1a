import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { expect, type Page } from '@playwright/test'

import { SEED_PATH } from '../../support/seed'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../../bin/visavis.js')

const NOTE = 'Formule clé de la diplomatie chinoise'
/** Two more articles, so the library has a list to lay out. */
const ARTICLES = {
  'budget.txt': 'Le budget de la culture augmente pour la troisième année consécutive\n\nLe ministère a présenté ses comptes.',
  'climat.txt': 'Climat : les villes côtières préparent la montée des eaux\n\nLes maires se sont réunis à Marseille.',
}

/** A library of three articles (the sample with a note), a glossary entry, and these settings. */
export async function prepareLibrary(userDataDir: string, settings: Record<string, unknown>) {
  const library = join(userDataDir, 'library')
  const folder = join(userDataDir, 'articles')
  await mkdir(folder)
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(folder, name), text)
  await run(process.execPath, [BIN, 'import', folder, '--library', library])
  const { stdout } = await run(process.execPath, [BIN, 'import', SEED_PATH, '--library', library, '--json'])
  const seedId = (JSON.parse(stdout) as { article: { id: string } }).article.id
  await run(process.execPath, [BIN, 'note', 'add', seedId, '--paragraph', '3', '--text', NOTE, '--library', library])
  await run(process.execPath, [BIN, 'glossary', 'add', 'communauté de destin', 'community with a shared future', '--library', library])
  await writeFile(join(userDataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, ...settings }))
}

/** Each screen of that library: where it is, and what shows it is drawn with its content (the reader translated by Apertium). */
export function screens(page: Page, readerHash: string): { name: string; hash: string; ready: () => Promise<void> }[] {
  const visible = (selector: string) => () => expect(page.locator(selector).first()).toBeVisible()
  return [
    { name: 'library', hash: '#/', ready: () => expect(page.getByTestId('article-item')).toHaveCount(3) },
    {
      name: 'reader',
      hash: readerHash,
      ready: () => expect(page.locator('.cell-translation[data-state="done"]')).toHaveCount(16, { timeout: 60_000 }),
    },
    { name: 'notes', hash: '#/notes', ready: visible('[data-testid="note-card"]') },
    { name: 'glossary', hash: '#/glossary', ready: visible('.glossary-list li') },
    { name: 'settings', hash: '#/settings', ready: visible('.settings-preview p') },
  ]
}
