import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { ApiEvent } from '../../main/api/contract'
import { useLibraries } from '../support/temp-dir'

const article = (n: number) => `Article ${n}\n\nLe texte numéro ${n}, écrit pour tester deux processus sur une bibliothèque.`

describe('two cores on one library (the app and the CLI, or two windows)', () => {
  const { tempDir, openCore } = useLibraries()

  it('lose no write when both import and annotate at once', async () => {
    const libraryDir = await tempDir()
    const [a, b] = [await openCore({ libraryDir }), await openCore({ libraryDir })]
    const { article: shared } = await a.importText({ text: article(0) })
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).importText({ text: article(i + 1) })),
      ...Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? b : a).addAnnotation({ articleId: shared.id, kind: 'note', paragraphId: 'p1', note: `note ${i}` }),
      ),
    ])
    const third = await openCore({ libraryDir })
    expect(await third.listArticles({})).toHaveLength(11)
    expect((await third.listAnnotations({ articleId: shared.id })).map((n) => n.note).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `note ${i}`).sort(),
    )
  })

  it('keep both changes two cores make to one article, each planned on the index as it is on disk', async () => {
    const libraryDir = await tempDir()
    const a = await openCore({ libraryDir })
    const { article: shared } = await a.importText({ text: article(1) })
    const b = await openCore({ libraryDir })
    await a.setTags({ id: shared.id, tags: ['chine'] })
    await b.setReadingPosition({ id: shared.id, paragraphId: 'p1', progress: 0.5 })
    const third = await openCore({ libraryDir })
    expect((await third.listArticles({}))[0]).toMatchObject({ tags: ['chine'], position: 'p1', progress: 0.5 })
  })

  it('see each other’s changes: a watching core reloads and announces them', async () => {
    const libraryDir = await tempDir()
    const writer = await openCore({ libraryDir })
    await writer.importText({ text: article(1) })
    const watcher = await openCore({ libraryDir, watch: true })
    const events: ApiEvent[] = []
    watcher.subscribe((event) => events.push(event))

    const { article: added } = await writer.importText({ text: article(2) })
    await expect.poll(() => events.some((e) => e.type === 'library.changed'), { timeout: 5000 }).toBe(true)
    expect((await watcher.listArticles({})).map((a) => a.id)).toContain(added.id)
    expect((await watcher.search({ query: 'numéro 2' })).map((hit) => hit.id)).toContain(added.id)
  })

  it('take over a lock left by a process that died', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    await core.importText({ text: article(1) })
    await writeFile(join(libraryDir, 'library.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname() }))
    await core.importText({ text: article(2) })
    expect(await core.listArticles({})).toHaveLength(2)
  })
})
