import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { apertiumInstalled } from '../support/apertium'
import { cliInProcess as cli } from '../support/cli-in-process'
import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { useTempDirs } from '../support/temp-dir'

const installed = apertiumInstalled()
if (!installed) console.log('visavis glossary tests with Apertium skipped: `apertium -l` lists no fra-cat pair.')

interface TranslatedSentence {
  source: string
  target: string
  route: string | null
  unsure: boolean
}

describe('visavis glossary', () => {
  const tempDir = useTempDirs()

  it('adds, updates (same source words), lists and removes entries, by id or by their source words', async () => {
    const library = join(await tempDir(), 'not-made-yet')
    const added = await cli(['glossary', 'add', 'rêve chinois', 'Chinese Dream', '--library', library, '--json'])
    expect(added).toMatchObject({ code: 0, stderr: '' })
    const entry = JSON.parse(added.stdout)
    expect(entry).toMatchObject({ source: 'rêve chinois', target: 'Chinese Dream', from: 'fr', to: 'en' })

    await cli(['glossary', 'add', 'Rêve  chinois', 'China Dream', '--library', library])
    await cli(['glossary', 'add', 'Voie brillante', 'Bright Road', '--to', 'de', '--library', library])
    const listed = JSON.parse((await cli(['glossary', 'list', '--json', '--library', library])).stdout)
    expect(listed).toEqual([
      expect.objectContaining({ id: entry.id, target: 'China Dream' }),
      expect.objectContaining({ source: 'Voie brillante', to: 'de' }),
    ])
    expect((await cli(['glossary', 'list', '--library', library])).stdout).toContain('Voie brillante → Bright Road  (fr→de)')

    expect(await cli(['glossary', 'remove', 'RÊVE CHINOIS', '--library', library])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Removed Rêve chinois → China Dream/),
    })
    expect(await cli(['glossary', 'remove', listed[1].id, '--library', library])).toMatchObject({ code: 0 })
    expect((await cli(['glossary', 'list', '--library', library])).stdout).toMatch(/^The glossary is empty/)
  })

  it('refuses bad input with a one-line error: unknown entry (1), empty words and wrong usage (2)', async () => {
    const library = await tempDir()
    expect(await cli(['glossary', 'remove', 'nulle part', '--library', library])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'visavis: no glossary entry is "nulle part" (see visavis glossary list)\n',
    })
    const empty = await cli(['glossary', 'add', '  ', 'nothing', '--library', library])
    expect(empty).toMatchObject({ code: 2, stderr: 'visavis: the glossary entry: a glossary entry needs words on both sides\n' })
    const usage = await cli(['glossary', 'add', 'seul', '--library', library])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/^visavis: usage: visavis glossary add/)
  })

  it.skipIf(!installed)(
    'an entry changes the next translation of the sentences holding its words; translate --json gives titles, routes and doubts',
    async () => {
      const library = await tempDir()
      const { article } = JSON.parse((await cli(['import', SEED_PATH, '--library', library, '--json'])).stdout)
      const translate = async () =>
        JSON.parse((await cli(['translate', article.id, '--engine', 'apertium', '--to', 'en', '--json', '--library', library])).stdout)

      const before = await translate()
      expect(before).toMatchObject({ title: SEED_TITLE, translatedTitle: expect.stringMatching(/^China and Kazakhstan agree/) })
      const sentences: TranslatedSentence[] = before.paragraphs.flatMap((p: { sentences: TranslatedSentence[] }) => p.sentences)
      for (const sentence of sentences) {
        expect(sentence.route).toMatch(/^fr-(es|ca)-en$/)
        expect(typeof sentence.unsure).toBe('boolean')
      }
      expect(sentences.some((s) => s.unsure)).toBe(true)
      const english = (result: typeof before) => result.paragraphs.map((p: { translation: string }) => p.translation).join(' ')
      expect(english(before)).not.toContain('community with a shared future')

      await cli(['glossary', 'add', 'communauté de destin', 'community with a shared future', '--library', library])
      const after = await translate()
      expect(english(after).match(/community with a shared future/g)).toHaveLength(2)
      const changed = after.paragraphs.filter((p: { translation: string }, i: number) => p.translation !== before.paragraphs[i].translation)
      expect(changed.map((p: { id: string }) => p.id)).toEqual(['p3', 'p8'])
    },
  )
})
