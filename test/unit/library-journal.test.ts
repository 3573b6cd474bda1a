/** The library's index: library.json written whole now and then, every change in between a line of library.journal. */
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { Library } from '../../main/core/library/library'
import { readIndexOnDisk } from '../support/library-index'
import { copyOfFixtureLibrary, useLibraries } from '../support/temp-dir'

const [INTERVIEW, BRIDGE, HARVEST, BRIEF] = ['655375c7b11e8d18', '3f9107bc2b6e96fd', 'e0f4ad3dda554108', 'd2b55651a7eea244']

const journalLines = async (libraryDir: string) =>
  (await readFile(join(libraryDir, 'library.journal'), 'utf8').catch(() => '')).split('\n').filter(Boolean)

describe('the library index and its journal', () => {
  const { tempDir, openCore } = useLibraries()

  /** A library of `count` short articles, imported in one batch, then opened again as a reader would. */
  async function libraryOf(count: number) {
    const libraryDir = join(await tempDir(), 'library')
    const core = await openCore({ libraryDir })
    const texts = Array.from({ length: count }, (_, i) => `Article ${i}\n\nLe texte numéro ${i} de la bibliothèque, unique.`)
    const files = texts.map((text, i) => ({ fileName: `article-${i}.txt`, base64: Buffer.from(text).toString('base64') }))
    const outcomes = await core.importFiles({ files })
    return { libraryDir, core, ids: outcomes.map((outcome) => (outcome.status === 'imported' ? outcome.article.id : '')) }
  }

  it('records a reading position as one line of the journal, whatever the library’s size, leaving library.json as it was', async () => {
    const { libraryDir, core, ids } = await libraryOf(40)
    const snapshot = await readFile(join(libraryDir, 'library.json'), 'utf8')

    await core.setReadingPosition({ id: ids[7]!, paragraphId: 'p1', progress: 0.5 })
    await core.setTags({ id: ids[8]!, tags: ['relire'] })

    expect(await readFile(join(libraryDir, 'library.json'), 'utf8')).toBe(snapshot)
    const lines = await journalLines(libraryDir)
    expect(lines.map((line) => JSON.parse(line).article.id)).toEqual([ids[7], ids[8]])
    const reopened = await openCore({ libraryDir })
    const byId = new Map((await reopened.listArticles({})).map((article) => [article.id, article]))
    expect(byId.get(ids[7]!)).toMatchObject({ position: 'p1', progress: 0.5 })
    expect(byId.get(ids[8]!)!.tags).toEqual(['relire'])
    expect(byId.size).toBe(40)
  })

  it('folds the journal into library.json once it has grown, and the library reads the same', async () => {
    const { libraryDir, core, ids } = await libraryOf(5)
    for (let i = 0; i < 300; i++) await core.setReadingPosition({ id: ids[i % 5]!, paragraphId: 'p1', progress: i / 300 })
    await core.setTags({ id: ids[0]!, tags: ['fin'] })
    await core.close() // the fold runs after the change that made it due; closing waits for nothing else

    const index = await readIndexOnDisk(libraryDir)
    expect(index.articles).toHaveLength(5)
    expect(index.articles.find((article) => article.id === ids[4])!.progress).toBe(299 / 300)
    expect((await stat(join(libraryDir, 'library.json'))).size).toBeGreaterThan(0)
    // Far fewer lines than changes: the journal was folded in at least once.
    expect((await journalLines(libraryDir)).length).toBeLessThan(300)
    const reopened = await openCore({ libraryDir })
    expect((await reopened.listArticles({})).find((article) => article.id === ids[0])!.tags).toEqual(['fin'])
  })

  it('leaves out a last line cut short by a crash, and cuts it off before the next change', async () => {
    const { libraryDir, core, ids } = await libraryOf(3)
    await core.setTags({ id: ids[0]!, tags: ['gardé'] })
    await core.close()
    await appendFile(join(libraryDir, 'library.journal'), '{"article":{"id":"') // killed mid-append

    const reopened = await openCore({ libraryDir })
    expect((await reopened.listArticles({})).find((article) => article.id === ids[0])!.tags).toEqual(['gardé'])
    await reopened.setTags({ id: ids[1]!, tags: ['après'] })
    const lines = await journalLines(libraryDir)
    expect(lines.map((line) => JSON.parse(line).article.tags)).toEqual([['gardé'], ['après']])
    expect((await reopened.getAppInfo({})).problems).toEqual([])
  })

  it('sets a damaged journal aside, keeping the changes before the damage, and says so', async () => {
    const { libraryDir, core, ids } = await libraryOf(3)
    await core.setTags({ id: ids[0]!, tags: ['avant'] })
    await core.close()
    const journal = join(libraryDir, 'library.journal')
    await appendFile(journal, 'not a change\n')
    const damaged = await readFile(journal, 'utf8')

    const reopened = await openCore({ libraryDir })
    expect((await reopened.listArticles({})).find((article) => article.id === ids[0])!.tags).toEqual(['avant'])
    expect((await reopened.getAppInfo({})).problems).toEqual([expect.stringContaining('library.journal was damaged')])
    const [aside] = (await readdir(libraryDir)).filter((name) => name.startsWith('library.journal.corrupt-'))
    expect(await readFile(join(libraryDir, aside!), 'utf8')).toBe(damaged)
  })

  it('sees what another process wrote, before and after that process folded the journal in', async () => {
    const { libraryDir, ids } = await libraryOf(3)
    const [here, there] = [await Library.open(libraryDir), await Library.open(libraryDir)]

    await there.setTags(ids[0]!, ['là-bas'])
    await here.reload({ folders: false })
    expect(here.find(ids[0]!)!.tags).toEqual(['là-bas'])

    for (let i = 0; i < 200; i++) await there.setReadingPosition(ids[1]!, 'p1', i / 200)
    await there.setTags(ids[2]!, ['plié']) // after the fold the long journal is gone, library.json new
    await here.setTags(ids[0]!, ['ici'])
    expect(here.find(ids[1]!)).toMatchObject({ progress: 199 / 200 })
    expect(here.find(ids[2]!)!.tags).toEqual(['plié'])
    const onDisk = await readIndexOnDisk(libraryDir)
    expect(onDisk.articles.find((article) => article.id === ids[0])!.tags).toEqual(['ici'])
    expect(onDisk.articles.find((article) => article.id === ids[2])!.tags).toEqual(['plié'])
  })
})

/** `library-index-v1`: a library written by the version before the journal (41b3af3), see test/fixtures/README.md. */
describe('a library made by the version before the journal (library.json version 1)', () => {
  const { tempDir, openCore } = useLibraries()

  async function openOldLibrary() {
    const libraryDir = await copyOfFixtureLibrary(tempDir, 'library-index-v1')
    return { libraryDir, core: await openCore({ libraryDir, engines: [] }) }
  }

  it('opens with every article, tag, position, translation state, note and deleted article, and reading rewrites nothing', async () => {
    const { libraryDir, core } = await openOldLibrary()
    const before = await readFile(join(libraryDir, 'library.json'), 'utf8')

    const listed = new Map((await core.listArticles({})).map((article) => [article.id, article]))
    expect([...listed.keys()].sort()).toEqual([INTERVIEW, BRIDGE, HARVEST].sort())
    expect(listed.get(INTERVIEW)).toMatchObject({ tags: ['vélo', 'ville'], position: 'p9', progress: 0.6 })
    expect(listed.get(INTERVIEW)!.translation).toMatchObject({ engine: 'apertium', to: 'en', translated: 14, total: 14 })
    expect(listed.get(BRIDGE)).toMatchObject({ position: 'p2', progress: 1 })
    expect(listed.get(HARVEST)!.tags).toEqual(['vin'])
    expect((await core.listAnnotations({ articleId: INTERVIEW })).map((note) => note.note)).toEqual(['Le changement est rapide'])
    expect((await core.listAnnotations({ articleId: BRIDGE })).map((note) => [note.kind, note.paragraphId])).toEqual([['bookmark', 'p2']])
    expect((await core.getTranslation({ id: BRIDGE, to: 'en' }))?.paragraphs).toHaveLength(2)
    expect((await core.search({ query: 'vendanges' })).map((hit) => hit.id)).toEqual([HARVEST])

    expect(await readFile(join(libraryDir, 'library.json'), 'utf8')).toBe(before)
    expect(await readdir(libraryDir)).not.toContain('library.journal')
  })

  it('is migrated by its first change: library.json written as version 2 with it, before any journal line', async () => {
    const { libraryDir, core } = await openOldLibrary()
    await core.setReadingPosition({ id: HARVEST, paragraphId: 'p1', progress: 0.3 })

    const migrated = JSON.parse(await readFile(join(libraryDir, 'library.json'), 'utf8'))
    expect(migrated.schemaVersion).toBe(2)
    expect(migrated.articles.find((article: { id: string }) => article.id === HARVEST)).toMatchObject({ position: 'p1', progress: 0.3 })
    expect(migrated.trash.map((article: { id: string }) => article.id)).toEqual([BRIEF])
    expect(await journalLines(libraryDir)).toEqual([])

    await core.restoreArticle({ id: BRIEF })
    expect(await journalLines(libraryDir)).toHaveLength(2) // out of the trash, back in the list
    const reopened = await openCore({ libraryDir, engines: [] })
    expect((await reopened.listArticles({})).map((article) => article.id).sort()).toEqual([INTERVIEW, BRIDGE, HARVEST, BRIEF].sort())
  })

  it('refuses, rather than writes over, a library.json a newer version wrote, and leaves its journal alone', async () => {
    const { libraryDir, core } = await openOldLibrary()
    await core.setTags({ id: HARVEST, tags: ['vin', 'été'] })
    await core.setTags({ id: HARVEST, tags: ['vin', 'automne'] })
    await core.close()
    const index = JSON.parse(await readFile(join(libraryDir, 'library.json'), 'utf8'))
    await writeFile(join(libraryDir, 'library.json'), JSON.stringify({ ...index, schemaVersion: 3 }))
    const journal = await readFile(join(libraryDir, 'library.journal'), 'utf8')

    const newer = await openCore({ libraryDir, engines: [] })
    expect((await newer.listArticles({})).find((article) => article.id === HARVEST)!.tags).toEqual(['vin', 'automne'])
    await expect(newer.setTags({ id: HARVEST, tags: ['x'] })).rejects.toMatchObject({ code: 'newer_version' })
    expect(await readFile(join(libraryDir, 'library.journal'), 'utf8')).toBe(journal)
  })
})
