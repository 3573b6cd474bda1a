import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { ApiEvent } from '../../main/api/contract'
import { ApiError } from '../../main/api/errors'
import { indexFiles, readIndexOnDisk } from '../support/library-index'
import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { useLibraries } from '../support/temp-dir'

const seedBase64 = async () => (await readFile(SEED_PATH)).toString('base64')
const fixedClock = () => new Date('2026-01-02T03:04:05.000Z')

describe('core: importing and reading articles', () => {
  const { tempDir, openCore } = useLibraries()

  it('imports the sample into library.json and articles/<id>/article.json', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir, now: fixedClock })
    const result = await core.importFile({ fileName: 'sample.txt', base64: await seedBase64() })

    expect(result.status).toBe('imported')
    expect(result.article).toMatchObject({ title: SEED_TITLE, lang: 'fr', publishedAt: '2018-06-08T10:20:25', paragraphCount: 16 })
    expect(result.article.id).toMatch(/^[0-9a-f]{16}$/)

    const index = await readIndexOnDisk(libraryDir)
    expect(index.schemaVersion).toBe(2)
    expect(index.articles.map((a: { id: string }) => a.id)).toEqual([result.article.id])
    const stored = JSON.parse(await readFile(join(libraryDir, 'articles', result.article.id, 'article.json'), 'utf8'))
    expect(stored.paragraphs).toHaveLength(16)
    expect(stored.paragraphs[0].id).toBe('p1')
  })

  it('lists and returns the article, also after reopening the library', async () => {
    const libraryDir = await tempDir()
    const first = await openCore({ libraryDir })
    const { article } = await first.importFile({ fileName: 'sample.txt', base64: await seedBase64() })

    const reopened = await openCore({ libraryDir })
    expect((await reopened.listArticles({})).map((a) => a.title)).toEqual([SEED_TITLE])
    const full = await reopened.getArticle({ id: article.id })
    expect(full.paragraphs[0]?.text).toMatch(/^Le président chinois Xi Jinping/)
    expect(full.paragraphs.at(-1)?.text).toMatch(/^Avant l'entretien/)
  })

  it('reports a second import of the same text as a duplicate and adds nothing', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    const first = await core.importFile({ fileName: 'sample.txt', base64: await seedBase64() })
    const indexBefore = await indexFiles(libraryDir)
    const pasted = await core.importText({ text: await readFile(SEED_PATH, 'utf8') })

    expect(pasted).toMatchObject({ status: 'duplicate', article: { id: first.article.id } })
    expect(await core.listArticles({})).toHaveLength(1)
    expect(await indexFiles(libraryDir)).toEqual(indexBefore)
  })

  it('finds the article again when its copy differs only in spaces, case or Unicode form (a paste loses no-break spaces, macOS decomposes accents)', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const saved = await core.importText({ text: 'Le maire\n\nIl a dit\u00a0: « Nous  construirons une école\u202f! »' })
    const pasted = await core.importText({ text: 'Le maire\n\nIl a dit : « nous construirons une e\u0301cole ! »' })
    expect(pasted).toMatchObject({ status: 'duplicate', article: { id: saved.article.id } })
  })

  it('takes the language from the text, whatever the page declares', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const page = `<!doctype html><html lang="en"><head><title>Le budget</title></head><body><article><h1>Le budget</h1>
      <p>Le conseil municipal a voté hier soir le budget de la ville pour l’année prochaine.</p>
      <p>La maire a annoncé la construction d’une nouvelle école dans le quartier nord.</p></article></body></html>`
    const { article } = await core.importFile({ fileName: 'budget.html', base64: Buffer.from(page).toString('base64') })
    expect(article.lang).toBe('fr')
  })

  it('emits library.changed after an import', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const events: ApiEvent[] = []
    core.subscribe((event) => events.push(event))
    const { article } = await core.importText({ text: 'Titre\n\nUn paragraphe en français.' })
    expect(events).toEqual([{ type: 'library.changed', articleIds: [article.id] }])
  })

  it('answers not_found for an unknown id', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    await expect(core.getArticle({ id: '0123456789abcdef' })).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('core: bad input leaves the library untouched', () => {
  const { tempDir, openCore } = useLibraries()

  const cases: [string, string, Uint8Array, RegExp][] = [
    ['an empty file', 'empty.txt', new Uint8Array(), /empty\.txt is empty/],
    ['a blank file', 'blank.txt', new TextEncoder().encode(' \n\n \t\n'), /blank\.txt holds only blank space/],
    [
      'a binary file',
      'image.txt',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      /image\.txt is not a text file/,
    ],
    ['an unsupported kind of file', 'photo.jpg', new TextEncoder().encode('text'), /photo\.jpg: only \.txt, \.md and \.html/],
  ]

  it.each(cases)('refuses %s with a message naming it', async (_what, fileName, bytes, message) => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    const attempt = core.importFile({ fileName, base64: Buffer.from(bytes).toString('base64') })
    await expect(attempt).rejects.toBeInstanceOf(ApiError)
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) })
    expect(await readdir(libraryDir)).toEqual([])
  })

  it('refuses a library path that is a file', async () => {
    const file = join(await tempDir(), 'not-a-folder')
    await writeFile(file, 'hello')
    await expect(openCore({ libraryDir: file })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/is a file/),
    })
    expect(await readFile(file, 'utf8')).toBe('hello')
  })

  it('decodes Windows-1252 text so French accents come out right', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const latin1 = Buffer.from('Titre\n\nL\xe9l\xe9phant \xab mange \xbb des \x9cufs \xe0 la cr\xe8me.', 'latin1')
    const { article } = await core.importFile({ fileName: 'ancien.txt', base64: latin1.toString('base64') })
    const full = await core.getArticle({ id: article.id })
    expect(full.paragraphs[0]?.text).toBe('Léléphant « mange » des œufs à la crème.')
  })
})
