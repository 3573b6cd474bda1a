import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { readIndexOnDisk, writeIndexOnDisk } from '../support/library-index'
import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { useLibraries } from '../support/temp-dir'

describe('damaged files are reported by name, set aside, and the library rebuilt', () => {
  const { tempDir, openCore } = useLibraries()

  async function libraryWithTwoArticles() {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    const seed = await core.importText({ text: await readFile(SEED_PATH, 'utf8') })
    const other = await core.importText({ text: 'Un autre\n\nUn deuxième article, plus court.' })
    await core.setTags({ id: seed.article.id, tags: ['Asie'] })
    await core.addAnnotation({ articleId: seed.article.id, kind: 'note', paragraphId: 'p1', note: 'Une note à garder.' })
    await core.close()
    return { libraryDir, seedId: seed.article.id, otherId: other.article.id }
  }

  const asideFiles = async (dir: string, name: string) => (await readdir(dir)).filter((file) => file.startsWith(`${name}.corrupt-`))

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2)],
    ['not JSON at all', () => '\u0000\u0001 garbage'],
    ['empty', () => ''],
  ])('library.json %s', async (_what, damage) => {
    const { libraryDir, seedId, otherId } = await libraryWithTwoArticles()
    const original = await readFile(join(libraryDir, 'library.json'), 'utf8')
    const damaged = damage(original)
    await writeFile(join(libraryDir, 'library.json'), damaged)

    const core = await openCore({ libraryDir })
    expect((await core.listArticles({})).map((a) => a.id).sort()).toEqual([seedId, otherId].sort())
    const [aside] = await asideFiles(libraryDir, 'library.json')
    expect(await readFile(join(libraryDir, aside!), 'utf8')).toBe(damaged)
    const { problems } = await core.getAppInfo({})
    expect(problems).toEqual([expect.stringMatching(/library\.json was damaged: it was moved to .*library\.json\.corrupt-/)])
    expect((await core.getArticle({ id: seedId })).title).toBe(SEED_TITLE)
  })

  it('article.json', async () => {
    const { libraryDir, seedId, otherId } = await libraryWithTwoArticles()
    const file = join(libraryDir, 'articles', otherId, 'article.json')
    await writeFile(file, '{"id": "cut sho')
    const core = await openCore({ libraryDir })
    await expect(core.getArticle({ id: otherId })).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringContaining(`${otherId}/article.json was damaged`),
    })
    expect((await core.listArticles({})).map((a) => a.id)).toEqual([seedId])
    const [aside] = await asideFiles(join(libraryDir, 'articles', otherId), 'article.json')
    expect(await readFile(join(libraryDir, 'articles', otherId, aside!), 'utf8')).toBe('{"id": "cut sho')
    const reopened = await openCore({ libraryDir })
    expect((await reopened.listArticles({})).map((a) => a.id)).toEqual([seedId])
  })

  it('annotations.json', async () => {
    const { libraryDir, seedId } = await libraryWithTwoArticles()
    const file = join(libraryDir, 'articles', seedId, 'annotations.json')
    const original = await readFile(file, 'utf8')
    await writeFile(file, original.slice(0, 40))
    const core = await openCore({ libraryDir })
    expect(await core.listAnnotations({ articleId: seedId })).toEqual([])
    const [aside] = await asideFiles(join(libraryDir, 'articles', seedId), 'annotations.json')
    expect(await readFile(join(libraryDir, 'articles', seedId, aside!), 'utf8')).toBe(original.slice(0, 40))
    expect((await core.getAppInfo({})).problems).toEqual([expect.stringContaining('annotations.json was damaged')])
    await core.addAnnotation({ articleId: seedId, kind: 'note', paragraphId: 'p2', note: 'Nouvelle note.' })
    expect((await core.listAnnotations({ articleId: seedId })).map((a) => a.note)).toEqual(['Nouvelle note.'])
  })

  it('an article folder the index lacks (an import cut short) comes back into the library', async () => {
    const { libraryDir, seedId, otherId } = await libraryWithTwoArticles()
    const index = await readIndexOnDisk(libraryDir)
    index.articles = index.articles.filter((a) => a.id !== otherId)
    await writeIndexOnDisk(libraryDir, index)
    const core = await openCore({ libraryDir })
    const listed = await core.listArticles({})
    expect(listed.map((a) => a.id).sort()).toEqual([seedId, otherId].sort())
    expect(listed.find((a) => a.id === seedId)?.tags).toEqual(['Asie'])
  })
})
