import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, describe, expect, it } from 'vitest'

import { apertiumInstalled } from '../support/apertium'
import { VISAVIS_FROM_SOURCES } from '../support/cli-from-sources'
import { SEED_PATH } from '../support/seed'
import { useTempDirs } from '../support/temp-dir'

const run = promisify(execFile)
/** A PATH holding only node, to prove what runs without Apertium. */
const PATH_WITHOUT_APERTIUM = mkdtempSync(join(tmpdir(), 'visavis-path-'))
symlinkSync(process.execPath, join(PATH_WITHOUT_APERTIUM, 'node'))
afterAll(() => rmSync(PATH_WITHOUT_APERTIUM, { recursive: true, force: true }))

const installed = apertiumInstalled()
if (!installed) console.log('visavis translate tests with Apertium skipped: `apertium -l` lists no fra-cat pair.')

async function visavis(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return run(process.execPath, [VISAVIS_FROM_SOURCES, ...args], { env, maxBuffer: 10 * 1024 * 1024 }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  )
}

/** Each CLI run starts from the sources (about 2 s on a loaded 2-core machine), several per test. */
const CLI_TEST_TIMEOUT_MS = 120_000

describe('visavis translate', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const tempDir = useTempDirs()

  it.skipIf(!installed)(
    'translates the sample with Apertium into English, then reads it again from the cache with no Apertium at all',
    async () => {
      const library = await tempDir()
      const { article } = JSON.parse((await visavis(['import', SEED_PATH, '--library', library, '--json'])).stdout)

      const first = await visavis(['translate', article.id, '--engine', 'apertium', '--to', 'en', '--json', '--library', library])
      expect(first.stderr).toContain('Translated 16/16 paragraphs')
      const result = JSON.parse(first.stdout)
      expect(result).toMatchObject({ engine: 'apertium', model: 'fr-es+spa-eng,fra-cat+cat-eng', to: 'en' })
      expect(result.paragraphs).toHaveLength(16)
      const english = result.paragraphs.map((p: { translation: string }) => p.translation).join(' ')
      expect(result.paragraphs.every((p: { translation: string }) => p.translation.length > 0)).toBe(true)
      expect(english).toMatch(/China/)
      expect(english).toMatch(/Kazakhstan/)
      expect(english).not.toMatch(/(^|[\s(])[*#@]\p{L}/u)
      for (const paragraph of result.paragraphs) {
        expect(paragraph.sentences.length).toBeGreaterThan(0)
        expect(paragraph.sentences.map((s: { source: string }) => s.source).join(' ')).toBe(paragraph.source)
        for (const { source } of paragraph.sentences) expect(source).not.toMatch(/ M\.$/)
      }

      const second = await visavis(['translate', article.id, '--engine', 'apertium', '--to', 'en', '--json', '--library', library], {
        ...process.env,
        PATH: PATH_WITHOUT_APERTIUM,
      })
      expect(second.stderr).toContain('All 16 paragraphs come from the cache')
      expect(second.stdout).toBe(first.stdout)
      expect((await visavis(['list', '--library', library])).stdout).toMatch(/ renouveau national {2}\[apertium en\]\n$/)
    },
  )

  it('shows each engine with the step that fixes it, and refuses to translate without one', async () => {
    const library = await tempDir()
    const env = { ...process.env, PATH: PATH_WITHOUT_APERTIUM }
    const { article } = JSON.parse((await visavis(['import', SEED_PATH, '--library', library, '--json'])).stdout)
    const engines = await visavis(['engines', '--library', library], env)
    expect(engines.stdout).toMatch(/^bergamot\s+needs model: Download or import a model/m)
    expect(engines.stdout).toMatch(/^apertium\s+not installed: Install Apertium.*apt-get install apertium/m)
    expect(engines.stdout).toMatch(/^libretranslate\s+not installed: No LibreTranslate server is set/m)

    const refused = (await visavis(['translate', article.id, '--library', library], env)) as unknown as { code: number; stderr: string }
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^visavis: No translation engine can translate fr into en here\. bergamot: Download or import a model.* apertium: Install Apertium/,
    )
  })
})

describe('visavis retranslate', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const tempDir = useTempDirs()

  it.skipIf(!installed)('translates one paragraph, or one of its sentences, again', async () => {
    const library = await tempDir()
    const { article } = JSON.parse((await visavis(['import', SEED_PATH, '--library', library, '--json'])).stdout)
    const paragraph = JSON.parse((await visavis(['retranslate', article.id, '--paragraph', '3', '--json', '--library', library])).stdout)
    expect(paragraph).toMatchObject({
      paragraphId: 'p3',
      sentences: [{ source: expect.stringMatching(/^La Chine souhaite/), target: expect.stringMatching(/Mr Xi said\.$/) }],
    })
    const refused = (await visavis([
      'retranslate',
      article.id,
      '--paragraph',
      '3',
      '--sentence',
      '2',
      '--library',
      library,
    ])) as unknown as { code: number; stderr: string }
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no sentence 2') })
  })
})

describe('visavis note and export, on the sample', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const tempDir = useTempDirs()

  it('puts a note quoting "communauté de destin pour l\'humanité" into the Markdown and CSV exports', async () => {
    const library = await tempDir()
    const out = await tempDir()
    const { article } = JSON.parse((await visavis(['import', SEED_PATH, '--library', library, '--json'])).stdout)
    const added = await visavis([
      'note',
      'add',
      article.id,
      '--paragraph',
      '2',
      '--quote',
      "communauté de destin pour l'humanité",
      '--text',
      'Formule clé de la diplomatie chinoise.',
      '--library',
      library,
    ])
    expect(added.stderr).toContain('is not in paragraph 2; the note is on paragraph 3, where it is')
    const markdown = join(out, 'notes.md')
    const csv = join(out, 'notes.csv')
    await visavis(['export', article.id, '--format', 'md', '--out', markdown, '--library', library])
    await visavis(['export', article.id, '--format', 'csv', '--out', csv, '--library', library])
    const md = await readFile(markdown, 'utf8')
    expect(md).toContain('title: "La Chine et le Kazakhstan conviennent de travailler ensemble pour le renouveau national"')
    expect(md).toContain("**communauté de destin pour l'humanité**")
    expect(md).toContain('Formule clé de la diplomatie chinoise.')
    const bytes = await readFile(csv)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toContain("communauté de destin pour l'humanité")
    expect(bytes.toString('utf8')).toContain('Formule clé de la diplomatie chinoise.')

    const semicolons = await visavis(['export', article.id, '--format', 'csv', '--delimiter', ';', '--library', library])
    expect(semicolons.stdout.split('\r\n')[0]).toBe(
      '\uFEFFarticle;translated title;kind;side;paragraph;original;translation;quote;note;tags;colour;link;created',
    )
    const tabs = await visavis(['export', article.id, '--format', 'csv', '--delimiter', 'tab', '--library', library])
    expect(tabs.stdout.split('\r\n')[0]!.split('\t')).toHaveLength(13)
    const refused = await visavis(['export', article.id, '--format', 'csv', '--delimiter', '|', '--library', library])
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--delimiter must be one of: ",", ";", tab') })
  })
})
