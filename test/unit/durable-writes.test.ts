import { dirname, relative, sep } from 'node:path'

import { describe, expect, it, vi } from 'vitest'

import type { Core } from '../../main/core/core'
import type { FsCall } from '../support/fs-recorder'
import { recordingEngine } from '../support/recording-engine'
import { useLibraries } from '../support/temp-dir'

const calls: FsCall[] = vi.hoisted(() => [])
vi.mock('node:fs/promises', async (importOriginal) => {
  const { recordingFs } = await import('../support/fs-recorder')
  return recordingFs(await importOriginal(), calls)
})

/** Files that may be written in place, and why. */
const WRITTEN_IN_PLACE = [
  // Lock files: what they hold (the owner) is only read to find a dead owner; a half-written one counts as abandoned.
  /\.lock$/,
  // The translation memory is append-only JSON lines; a line cut short by a crash costs one re-translation.
  /^translation-memory\/[^/]+\.jsonl$/,
  // The index's journal is append-only JSON lines, each fsynced (APPENDED_DURABLY); a line cut short is left out.
  /^library\.journal$/,
]

/** Files appended to in place, whose every write must be fsynced before the file is closed. */
const APPENDED_DURABLY = [/^library\.journal$/]

/**
 * Every way a file came to hold new content that does not survive a crash: a file must get its name by the rename
 * of a temporary file that was written, fsynced, then closed; after the rename the folder must be fsynced too.
 */
function durabilityProblems(calls: FsCall[], isWrittenInPlaceAllowed: (path: string) => boolean): string[] {
  const renamedAway = new Set(calls.filter(({ call }) => call === 'rename').map(({ path }) => path))
  const problems = calls.flatMap((entry, index) => {
    if (entry.call === 'write' || entry.call === 'truncate') {
      return renamedAway.has(entry.path) || isWrittenInPlaceAllowed(entry.path) ? [] : [`${entry.path}: written in place`]
    }
    if (entry.call === 'copyFile') return isWrittenInPlaceAllowed(entry.to!) ? [] : [`${entry.to}: copied in place`]
    if (entry.call === 'rename') return renameProblems(calls, index)
    return []
  })
  return [...new Set(problems)]
}

/** An append that a crash could lose after it was acknowledged: written, then closed without a fsync between. */
function appendProblems(calls: FsCall[], isAppendedDurably: (path: string) => boolean): string[] {
  const problems = calls.flatMap((entry, index) => {
    if (entry.call !== 'write' || !isAppendedDurably(entry.path)) return []
    const after = calls.slice(index + 1).filter(({ path }) => path === entry.path)
    const synced = after.findIndex(({ call }) => call === 'sync')
    const closed = after.findIndex(({ call }) => call === 'close')
    return synced !== -1 && (closed === -1 || synced < closed) ? [] : [`${entry.path}: appended without a fsync before its close`]
  })
  return [...new Set(problems)]
}

function renameProblems(calls: FsCall[], renameIndex: number): string[] {
  const { path: temporary, to } = calls[renameIndex]!
  const last = (call: FsCall['call']) =>
    calls.slice(0, renameIndex).findLastIndex((entry) => entry.call === call && entry.path === temporary)
  const [written, synced, closed] = [last('write'), last('sync'), last('close')]
  if (written === -1) return [] // a move (to the trash, a damaged file set aside), not a write
  const folderSynced = calls.slice(renameIndex + 1).some((entry) => entry.call === 'sync' && entry.path === dirname(to!))
  return [
    ...(synced < written ? [`${to}: its temporary file was not fsynced before the rename`] : []),
    ...(closed < synced ? [`${to}: its temporary file was not closed after its fsync, before the rename`] : []),
    ...(folderSynced ? [] : [`${to}: its folder was not fsynced after the rename`]),
  ]
}

/** Each of a core's writers at work once: every kind of file the library and the user's settings hold. */
async function writeEveryKindOfFile(core: Core): Promise<void> {
  const { article } = await core.importText({ text: 'Le chat\n\nLe chat dort sur le canapé. Il rêve de souris.' })
  await core.addAnnotation({ articleId: article.id, kind: 'note', paragraphId: 'p1', note: 'Une note.' })
  await core.setTags({ id: article.id, tags: ['essai'] })
  const finished = new Promise<void>((resolve) => core.subscribe((event) => event.type === 'translation.finished' && resolve()))
  await core.translateArticle({ id: article.id, to: 'en' })
  await finished
  await core.addGlossaryEntry({ source: 'canapé', target: 'sofa', from: 'fr', to: 'en' })
  await core.updateSettings({ patch: { theme: 'sepia' } })
  await core.close() // saves the search index
}

describe('every file the core writes', () => {
  const { tempDir, openCore } = useLibraries()

  it('gets its content through a temporary file fsynced before its rename, then a fsync of its folder', async () => {
    const libraryDir = await tempDir()
    const userDataDir = await tempDir()
    const core = await openCore({ libraryDir, userDataDir, engines: [recordingEngine().engine] })
    calls.length = 0
    await writeEveryKindOfFile(core)

    const nameInStore = (path: string) =>
      [libraryDir, userDataDir]
        .map((root) => relative(root, path))
        .find((name) => !name.startsWith('..'))
        ?.split(sep)
        .join('/')
        .replace(/^articles\/[^/]+\//, 'articles/<id>/')
    const inStores = calls.filter((entry) => nameInStore(entry.to ?? entry.path) !== undefined)
    const writtenInPlaceAllowed = (path: string) => WRITTEN_IN_PLACE.some((allowed) => allowed.test(nameInStore(path) ?? path))
    const temporaries = new Set(inStores.flatMap(({ call, path }) => (call === 'rename' ? [path] : [])))
    const written = new Set(
      inStores.flatMap(({ call, path, to }) =>
        call === 'rename' ? [nameInStore(to!)] : call === 'write' && !temporaries.has(path) ? [nameInStore(path)] : [],
      ),
    )

    const appendedDurably = (path: string) => APPENDED_DURABLY.some((pattern) => pattern.test(nameInStore(path) ?? path))
    const problems = [...durabilityProblems(inStores, writtenInPlaceAllowed), ...appendProblems(inStores, appendedDurably)]
    expect(problems, problems.join('\n')).toEqual([])
    expect([...written]).toEqual(
      expect.arrayContaining([
        'articles/<id>/annotations.json',
        'articles/<id>/article.json',
        'articles/<id>/translations/apertium-test-fr-en-en.json',
        'glossary.json',
        'library.json',
        'library.journal',
        'search-index.json',
        'settings.json',
      ]),
    )
  })
})

describe('translating a long article', () => {
  const { tempDir, openCore } = useLibraries()

  it('writes its translation file about once a second, not once per paragraph (each write holds the whole article)', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir, engines: [recordingEngine().engine] })
    const paragraphs = Array.from({ length: 120 }, (_, i) => `Le paragraphe numéro ${i} dit une chose de plus.`)
    const { article } = await core.importText({ text: `Un long article\n\n${paragraphs.join('\n\n')}` })
    calls.length = 0
    const finished = new Promise<void>((resolve) => core.subscribe((event) => event.type === 'translation.finished' && resolve()))
    await core.translateArticle({ id: article.id, to: 'en' })
    await finished

    const cacheWrites = calls.filter((entry) => entry.call === 'rename' && /translations[/\\][^/\\]+\.json$/.test(entry.to!))
    // The recording engine translates the 120 paragraphs in well under a second; a machine 20 times slower still passes.
    expect(cacheWrites.length).toBeGreaterThan(0)
    expect(cacheWrites.length).toBeLessThan(20)
    const reopened = await openCore({ libraryDir, engines: [] })
    expect((await reopened.getTranslation({ id: article.id, to: 'en' }))?.paragraphs).toHaveLength(120)
  })
})
