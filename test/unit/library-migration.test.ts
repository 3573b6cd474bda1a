import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { readIndexOnDisk } from '../support/library-index'
import { copyOfFixtureLibrary, useLibraries } from '../support/temp-dir'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
/** A library written by the version before article structure (02ed36b): see test/fixtures/README.md. */
const VERSION_1_LIBRARY = 'library-v1'
const ARTICLE_ID = '655375c7b11e8d18'

describe('a library made by the version before article structure', () => {
  const { tempDir, openCore } = useLibraries()

  async function openVersion1Library() {
    const libraryDir = await copyOfFixtureLibrary(tempDir, VERSION_1_LIBRARY)
    return { libraryDir, core: await openCore({ libraryDir, engines: [] }) }
  }

  const articleFile = (libraryDir: string) => join(libraryDir, 'articles', ARTICLE_ID, 'article.json')

  it('opens with every article, paragraph, note, position and cached translation, and is not rewritten by reading', async () => {
    const { libraryDir, core } = await openVersion1Library()
    const before = await readFile(articleFile(libraryDir), 'utf8')

    const [summary] = await core.listArticles({})
    expect(summary).toMatchObject({ id: ARTICLE_ID, position: 'p9', progress: 0.6, paragraphCount: 14 })
    const article = await core.getArticle({ id: ARTICLE_ID })
    expect(article.paragraphs).toHaveLength(14)
    expect(article.paragraphs.every((paragraph) => paragraph.kind === undefined && paragraph.marks === undefined)).toBe(true)
    const notes = await core.listAnnotations({ articleId: ARTICLE_ID })
    expect(notes.map((note) => [note.kind, note.paragraphId, note.orphaned])).toEqual([
      ['note', 'p9', false],
      ['highlight', 'p11', false],
      ['bookmark', 'p2', false],
    ])
    expect((await core.getTranslation({ id: ARTICLE_ID, to: 'en' }))?.paragraphs).toHaveLength(14)
    expect((await core.search({ query: 'urbaniste' })).map((hit) => hit.id)).toEqual([ARTICLE_ID])

    expect(await readFile(articleFile(libraryDir), 'utf8')).toBe(before)
  })

  it('lists its articles without an excerpt or translation state, and keeps the state of a translation read from its cache', async () => {
    const { libraryDir, core } = await openVersion1Library()
    const [summary] = await core.listArticles({})
    expect(summary).not.toHaveProperty('excerpt')
    expect(summary).not.toHaveProperty('translation')

    await core.translateArticle({ id: ARTICLE_ID, to: 'en' })
    expect((await core.listArticles({}))[0]!.translation).toMatchObject({ to: 'en', translated: 14, total: 14 })
    expect(await readIndexOnDisk(libraryDir)).toMatchObject({
      schemaVersion: 2,
      articles: [{ id: ARTICLE_ID, position: 'p9', translation: { translated: 14 } }],
    })
  })

  it('takes the structure of the same page imported again, keeping its notes in place; a second import adds nothing', async () => {
    const { libraryDir, core } = await openVersion1Library()
    const page = await readFile(join(FIXTURES, 'structured-page.html'))
    const importPage = () => core.importFile({ fileName: 'entretien.html', base64: page.toString('base64') })

    expect(await importPage()).toMatchObject({ status: 'duplicate', structureAdded: true })
    const article = await core.getArticle({ id: ARTICLE_ID })
    expect(article.paragraphs.map((paragraph) => paragraph.kind ?? 'paragraph').slice(0, 4)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
      'item',
    ])
    expect(JSON.parse(await readFile(articleFile(libraryDir), 'utf8')).schemaVersion).toBe(2)
    const notes = await core.listAnnotations({ articleId: ARTICLE_ID })
    expect(notes.map((note) => [note.paragraphId, note.anchor?.paragraphId, note.orphaned])).toEqual([
      ['p9', 'p9', false],
      ['p11', 'p11', false],
      ['p2', 'p2', false],
    ])
    expect((await core.listArticles({}))[0]).toMatchObject({ position: 'p9', progress: 0.6 })

    expect(await importPage()).not.toHaveProperty('structureAdded')
  })

  it('writes article.json version 3 only for an article with a footnote (an older app refuses that one, reads the rest), and reads the footnote back', async () => {
    const { libraryDir, core } = await openVersion1Library()
    const withNote = `<html><head><title>Les chiffres du chômage</title></head><body><article>
      <p>Le chômage touche 40 %<sup>1</sup> des jeunes diplômés de la région, une hausse nette sur dix ans, selon les chiffres publiés mardi.</p>
      <p>La région prépare un plan pour l’emploi des jeunes, qui doit être présenté aux élus avant l’été et financé en partie par l’État.</p>
    </article></body></html>`
    const imported = await core.importFile({ fileName: 'chiffres.html', base64: Buffer.from(withNote).toString('base64') })
    const file = join(libraryDir, 'articles', imported.article.id, 'article.json')
    const stored = JSON.parse(await readFile(file, 'utf8'))
    expect(stored.schemaVersion).toBe(3)
    expect(stored.paragraphs[0].marks).toEqual([{ kind: 'footnote', start: 22, end: 22, label: '1' }])
    expect((await core.getArticle({ id: imported.article.id })).paragraphs[0]!.marks).toEqual(stored.paragraphs[0].marks)
    expect(JSON.parse(await readFile(articleFile(libraryDir), 'utf8')).schemaVersion).toBe(1)
  })
})
