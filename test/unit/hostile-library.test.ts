import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { annotationsFile } from '../../main/core/annotations/annotations-file'
import { Library } from '../../main/core/library/library'
import { LIBRARY_SCHEMA_VERSION } from '../../main/core/library/library-files'
import { WRONG_SHAPE_INDEXES } from '../support/fuzz-payloads'
import { indexFiles, readIndexOnDisk, writeIndexOnDisk } from '../support/library-index'
import { useLibraries } from '../support/temp-dir'

/** What a synced folder, a hostile file or a newer app can put in a library, and what the app must do with it. */
describe('a library whose files were written by someone else', () => {
  const { tempDir, openCore } = useLibraries()

  async function libraryWithTwoArticles() {
    const libraryDir = join(await tempDir(), 'library')
    const core = await openCore({ libraryDir })
    const first = await core.importText({ text: 'Premier\n\nUn premier article, avec une phrase.' })
    const second = await core.importText({ text: 'Second\n\nUn second article, plus court.' })
    await core.setTags({ id: first.article.id, tags: ['garder'] })
    await core.addAnnotation({ articleId: first.article.id, kind: 'note', paragraphId: 'p1', note: 'Une note.' })
    await core.close()
    return { libraryDir, first: first.article.id, second: second.article.id, ids: [first.article.id, second.article.id].sort() }
  }

  const asides = async (dir: string, name: string) => (await readdir(dir)).filter((file) => file.startsWith(`${name}.corrupt-`))
  const listedIds = async (libraryDir: string) => (await (await openCore({ libraryDir })).listArticles({})).map((a) => a.id).sort()

  it('never deletes a folder outside the library for a trash entry whose id climbs out of it', async () => {
    const { libraryDir, ids } = await libraryWithTwoArticles()
    const victim = join(libraryDir, '..', 'victim')
    await mkdir(victim)
    await writeFile(join(victim, 'keep.txt'), 'precious')
    const index = await readIndexOnDisk(libraryDir)
    index.trash.push({ ...index.articles[0]!, id: '../../victim', deletedAt: '2000-01-01T00:00:00.000Z' })
    index.trash.push({ ...index.articles[0]!, id: '../victim', deletedAt: '2000-01-01T00:00:00.000Z' })
    await writeIndexOnDisk(libraryDir, index)

    expect(await listedIds(libraryDir)).toEqual(ids)
    expect(await readFile(join(victim, 'keep.txt'), 'utf8')).toBe('precious')
    expect(await asides(libraryDir, 'library.json')).toHaveLength(1)
  })

  it('refuses an id that is not an article id before it becomes a path', async () => {
    const { libraryDir } = await libraryWithTwoArticles()
    const library = await Library.open(libraryDir)
    for (const id of ['../victim', '/etc', 'ABCDEF0123456789', '']) {
      expect(() => library.articleFolder(id)).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    }
  })

  it.each(WRONG_SHAPE_INDEXES)(
    'library.json of the wrong shape (%s) is set aside and the index rebuilt from the folders',
    async (_what, json) => {
      const { libraryDir, ids } = await libraryWithTwoArticles()
      await writeFile(join(libraryDir, 'library.json'), json)
      const core = await openCore({ libraryDir })
      expect((await core.listArticles({})).map((a) => a.id).sort()).toEqual(ids)
      expect((await core.search({ query: 'premier' })).map((hit) => hit.id)).toHaveLength(1)
      expect((await core.getAppInfo({})).problems).toEqual([expect.stringContaining('library.json was damaged')])
      expect(await readFile(join(libraryDir, (await asides(libraryDir, 'library.json'))[0]!), 'utf8')).toBe(json)
    },
  )

  it('a damaged index arriving while the library is open is set aside when read again', async () => {
    const { libraryDir, ids } = await libraryWithTwoArticles()
    const library = await Library.open(libraryDir)
    await writeFile(join(libraryDir, 'library.json'), '{"schemaVersion":1,"articles":"x"}')
    await library.reload()
    expect(
      library
        .list()
        .map((a) => a.id)
        .sort(),
    ).toEqual(ids)
  })

  it('annotations.json and article.json of the wrong shape are set aside, not internal errors', async () => {
    const { libraryDir, first, second } = await libraryWithTwoArticles()
    await writeFile(join(libraryDir, 'articles', first, 'annotations.json'), '{"schemaVersion":1,"annotations":[{"id":7}]}')
    await writeFile(join(libraryDir, 'articles', second, 'article.json'), '{"schemaVersion":1,"id":"' + second + '","paragraphs":"x"}')
    const core = await openCore({ libraryDir })
    expect(await core.listAnnotations({ articleId: first })).toEqual([])
    expect(await asides(join(libraryDir, 'articles', first), 'annotations.json')).toHaveLength(1)
    await expect(core.getArticle({ id: second })).rejects.toMatchObject({ code: 'corrupt_file' })
    expect(await asides(join(libraryDir, 'articles', second), 'article.json')).toHaveLength(1)
  })

  it('an article folder deleted by hand leaves the rest of the library working', async () => {
    const { libraryDir, first, second } = await libraryWithTwoArticles()
    await rm(join(libraryDir, 'articles', second), { recursive: true })
    await rm(join(libraryDir, 'search-index.json'), { force: true })
    const core = await openCore({ libraryDir })
    expect((await core.getArticle({ id: first })).id).toBe(first)
    expect((await core.search({ query: 'premier' })).map((hit) => hit.id)).toEqual([first])
    await expect(core.getArticle({ id: second })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('a folder whose article.json names another article is reported once and never listed twice', async () => {
    const { libraryDir, ids } = await libraryWithTwoArticles()
    const copy = join(libraryDir, 'articles', 'ffffffffffffffff')
    await mkdir(copy)
    await writeFile(join(copy, 'article.json'), await readFile(join(libraryDir, 'articles', ids[0]!, 'article.json')))
    for (let run = 0; run < 5; run++) expect(await listedIds(libraryDir)).toEqual(ids)
  })

  describe('files a newer version wrote are read, and never written over', () => {
    it('annotations.json', async () => {
      const { libraryDir, first } = await libraryWithTwoArticles()
      const file = join(libraryDir, 'articles', first, 'annotations.json')
      const stored = JSON.parse(await readFile(file, 'utf8'))
      const newer = JSON.stringify({ ...stored, schemaVersion: annotationsFile.version + 1, futureField: { keep: true } })
      await writeFile(file, newer)
      const core = await openCore({ libraryDir })
      expect((await core.listAnnotations({ articleId: first })).map((a) => a.note)).toEqual(['Une note.'])
      await expect(core.addAnnotation({ articleId: first, kind: 'note', paragraphId: 'p1', note: 'Encore.' })).rejects.toMatchObject({
        code: 'newer_version',
        messageCode: 'file_from_newer_version',
      })
      expect(await readFile(file, 'utf8')).toBe(newer)
    })

    it('library.json', async () => {
      const { libraryDir, ids } = await libraryWithTwoArticles()
      const newer = JSON.stringify({ ...(await readIndexOnDisk(libraryDir)), schemaVersion: LIBRARY_SCHEMA_VERSION + 1, futureField: 1 })
      await writeIndexOnDisk(libraryDir, JSON.parse(newer))
      const core = await openCore({ libraryDir })
      expect((await core.listArticles({})).map((a) => a.id).sort()).toEqual(ids)
      await expect(core.setTags({ id: ids[1]!, tags: ['x'] })).rejects.toMatchObject({ code: 'newer_version' })
      expect(await indexFiles(libraryDir)).toEqual([newer, ''])
    })

    it('glossary.json', async () => {
      const { libraryDir } = await libraryWithTwoArticles()
      const file = join(libraryDir, 'glossary.json')
      const newer = JSON.stringify({ schemaVersion: 2, entries: [], futureField: 1 })
      await writeFile(file, newer)
      const core = await openCore({ libraryDir })
      expect(await core.listGlossary({})).toEqual([])
      await expect(core.addGlossaryEntry({ source: 'rêve', target: 'dream', from: 'fr', to: 'en' })).rejects.toMatchObject({
        code: 'newer_version',
      })
      expect(await readFile(file, 'utf8')).toBe(newer)
    })
  })
})
