import { cp, readdir, readFile, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { ApiEvent } from '../../main/api/contract'
import type { Annotation } from '../../main/api/shapes'
import type { StoredAnnotations } from '../../main/core/annotations/annotations-file'
import { mergeRules } from '../../main/core/sync/conflict-copies'
import { cliInProcess as cli } from '../support/cli-in-process'
import { recordingEngine } from '../support/recording-engine'
import { useLibraries } from '../support/temp-dir'

/** How each sync tool names the other computer's version of `<stem><ext>`. */
const CONFLICT_NAMES: [tool: string, name: (stem: string, ext: string) => string][] = [
  ['Dropbox', (stem, ext) => `${stem} (Ana's conflicted copy 2026-12-03)${ext}`],
  ['Syncthing', (stem, ext) => `${stem}.sync-conflict-20261203-101500-ABCDEFG${ext}`],
  ['Nextcloud', (stem, ext) => `${stem} (conflicted copy 2026-12-03 101500)${ext}`],
  ['OneDrive', (stem, ext) => `${stem}-LAPTOP-ANA${ext}`],
]

describe('a library synced between two computers', () => {
  const { tempDir, openCore } = useLibraries()

  /** One library, copied to a second computer; then each computer changes it before the sync settles. */
  async function twoComputers() {
    const root = await tempDir()
    const desktop = join(root, 'desktop')
    const laptop = join(root, 'laptop')
    const core = await openCore({ libraryDir: desktop })
    const { article } = await core.importText({ text: 'Partagé\n\nUn article lu sur deux ordinateurs.\n\nUn second paragraphe.' })
    const doomed = await core.addAnnotation({ articleId: article.id, kind: 'note', paragraphId: 'p1', note: 'À supprimer' })
    await core.addAnnotation({ articleId: article.id, kind: 'note', paragraphId: 'p1', note: 'Gardée' })
    await core.close()
    await cp(desktop, laptop, { recursive: true })

    const onDesktop = await openCore({ libraryDir: desktop })
    await onDesktop.deleteAnnotation({ articleId: article.id, id: doomed.id })
    await onDesktop.addAnnotation({ articleId: article.id, kind: 'note', paragraphId: 'p2', note: 'Du bureau' })
    await onDesktop.setTags({ id: article.id, tags: ['bureau'] })
    await onDesktop.close()

    const onLaptop = await openCore({ libraryDir: laptop })
    await onLaptop.addAnnotation({ articleId: article.id, kind: 'note', paragraphId: 'p1', note: 'Du portable' })
    await onLaptop.setTags({ id: article.id, tags: ['portable'] })
    await onLaptop.setReadingPosition({ id: article.id, paragraphId: 'p2', progress: 0.9 })
    await onLaptop.close()
    return { desktop, laptop, id: article.id }
  }

  it.each(CONFLICT_NAMES)(
    'merges the copies %s makes: every note of both sides, the deletion kept, tags joined',
    async (_tool, conflictName) => {
      const { desktop, laptop, id } = await twoComputers()
      // The sync tool brings the laptop's versions of the files both changed, under its conflict names.
      await cp(join(laptop, 'articles', id, 'annotations.json'), join(desktop, 'articles', id, conflictName('annotations', '.json')))
      // Both changed the index since the library was copied: their journals (library.json is as it was on both).
      expect(await readFile(join(laptop, 'library.json'), 'utf8')).toBe(await readFile(join(desktop, 'library.json'), 'utf8'))
      await cp(join(laptop, 'library.journal'), join(desktop, conflictName('library', '.journal')))

      const listed = await cli(['note', 'list', id, '--json', '--library', desktop])
      expect(listed.code).toBe(0)
      expect(listed.stderr).toMatch(/1 library change merged from a copy made by another computer/)
      expect(listed.stderr).toMatch(/1 note merged from a copy made by another computer/)
      const notes = JSON.parse(listed.stdout).map((note: { note: string }) => note.note)
      expect(notes.sort()).toEqual(['Du bureau', 'Du portable', 'Gardée'])

      const core = await openCore({ libraryDir: desktop })
      const [summary] = await core.listArticles({})
      expect(summary!.tags.sort()).toEqual(['bureau', 'portable'])
      expect(summary!.progress).toBe(0.9)
      expect((await core.getAppInfo({})).problems).toEqual([])
      expect((await readdir(join(desktop, 'articles', id))).filter((name) => name.startsWith('annotations'))).toEqual(['annotations.json'])
      expect((await readdir(desktop)).filter((name) => name.startsWith('library'))).toEqual(['library.json'])
      expect(await readdir(join(desktop, '.merged', 'articles', id))).toEqual([conflictName('annotations', '.json')])
    },
  )

  /** The same library on two computers, each with its own settings; each translates, corrects and reads on its own. */
  async function twoComputersTranslating() {
    const root = await tempDir()
    const [desktop, laptop] = [join(root, 'desktop'), join(root, 'laptop')]
    const userData = (library: string) => `${library}-user-data`
    const open = (library: string) => openCore({ libraryDir: library, userDataDir: userData(library), engines: [recordingEngine().engine] })
    const core = await open(desktop)
    const text = 'Le budget\n\nLe conseil a voté le budget.\n\nLa ville construira une école.'
    const { article } = await core.importText({ text })
    await core.close()
    await cp(desktop, laptop, { recursive: true })

    const onDesktop = await open(desktop)
    await onDesktop.retranslate({ id: article.id, paragraphId: 'p1', to: 'en' })
    await onDesktop.addGlossaryEntry({ source: 'maire', target: 'mayor', from: 'fr', to: 'en' })
    await onDesktop.updateSettings({ patch: { theme: 'dark' } })
    await onDesktop.close()

    const onLaptop = await open(laptop)
    await onLaptop.retranslate({ id: article.id, paragraphId: 'p2', to: 'en' })
    await onLaptop.addGlossaryEntry({ source: 'rue', target: 'street', from: 'fr', to: 'en' })
    await onLaptop.updateSettings({ patch: { theme: 'sepia' } })
    await onLaptop.close()
    return { desktop, laptop, userData, open, id: article.id }
  }

  /** Every file under `dir`, relative to it. */
  const filesUnder = async (dir: string) =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))

  it.each(CONFLICT_NAMES)(
    'merges %s copies of translations, the glossary, the translation memory and the settings, and sets aside the rest',
    async (_tool, conflictName) => {
      const { desktop, laptop, userData, open, id } = await twoComputersTranslating()
      const bringFromLaptop = async (file: string, [from, to] = [laptop, desktop]) => {
        const [, folder, stem, ext] = /^(.*?)([^/]+?)(\.[^./]+)$/.exec(file)!
        await cp(join(from, file), join(to, `${folder}${conflictName(stem!, ext!)}`))
      }
      const translations = (await readdir(join(desktop, 'articles', id, 'translations')))[0]!
      const memory = (await readdir(join(desktop, 'translation-memory')))[0]!
      for (const file of [
        `articles/${id}/translations/${translations}`,
        `articles/${id}/article.json`,
        'glossary.json',
        'search-index.json',
        `translation-memory/${memory}`,
      ]) {
        await bringFromLaptop(file)
      }
      await bringFromLaptop('settings.json', [userData(laptop), userData(desktop)])

      const core = await open(desktop)
      const events: ApiEvent[] = []
      core.subscribe((event) => events.push(event))
      const translation = await core.getTranslation({ id, to: 'en' })
      expect(translation!.paragraphs.map((paragraph) => paragraph.sentences.map((sentence) => sentence.target))).toEqual([
        ['[en] Le conseil a voté le budget.'],
        ['[en] La ville construira une école.'],
      ])
      expect((await core.listGlossary({})).map((entry) => entry.target).sort()).toEqual(['mayor', 'street'])
      expect((await core.getSettings({})).theme).toBe('dark') // this computer's choice stays
      await core.getArticle({ id })

      const { merged } = await core.getAppInfo({})
      // The article's cache and the translation memory each bring the laptop's sentence.
      expect(merged).toEqual({ notes: 0, articles: 0, sentences: 2, glossaryEntries: 1, settings: 0, copies: 6 })
      expect(events.filter((event) => event.type === 'library.merged').at(-1)).toEqual({ type: 'library.merged', merged })
      const isCopy = (file: string) => file.includes(conflictName('', '').slice(0, 8)) && !file.startsWith('.merged')
      expect((await filesUnder(desktop)).filter(isCopy)).toEqual([])
      expect((await filesUnder(desktop)).filter((file) => file.startsWith('.merged/'))).toHaveLength(5)
      expect(await readdir(join(userData(desktop), '.merged'))).toEqual([conflictName('settings', '.json')])
    },
  )

  it('leaves a library with no copy as it is, and a damaged file set aside is no copy', async () => {
    const { desktop, laptop, id } = await twoComputers()
    const asideName = 'annotations.json.corrupt-2026-12-03T10-00-00-000Z'
    await cp(join(laptop, 'articles', id, 'annotations.json'), join(desktop, 'articles', id, asideName))
    const before = await readFile(join(desktop, 'articles', id, 'annotations.json'), 'utf8')
    await openCore({ libraryDir: desktop })
    expect(await readFile(join(desktop, 'articles', id, 'annotations.json'), 'utf8')).toBe(before)
    expect(await readdir(join(desktop, 'articles', id))).toContain(asideName)
    expect(await readdir(desktop)).not.toContain('.merged')
  })
})

describe('writes that suit a synced folder', () => {
  const { tempDir, openCore } = useLibraries()

  it('writes the same translation file on two computers that translated the same sentences in another order', async () => {
    const root = await tempDir()
    const [desktop, laptop] = [join(root, 'desktop'), join(root, 'laptop')]
    const open = (libraryDir: string) => openCore({ libraryDir, engines: [recordingEngine().engine] })
    const core = await open(desktop)
    const { article } = await core.importText({ text: 'Titre\n\nUne première phrase.\n\nUne seconde phrase.' })
    await core.close()
    await cp(desktop, laptop, { recursive: true })
    for (const [library, order] of [
      [desktop, ['p1', 'p2']],
      [laptop, ['p2', 'p1']],
    ] as const) {
      const reader = await open(library)
      for (const paragraphId of order) await reader.retranslate({ id: article.id, paragraphId, to: 'en' })
      await reader.close()
    }
    const cacheOf = async (library: string) => {
      const folder = join(library, 'articles', article.id, 'translations')
      return readFile(join(folder, (await readdir(folder))[0]!), 'utf8')
    }
    expect(await cacheOf(laptop)).toBe(await cacheOf(desktop))
  })

  it('rewrites no file whose content a change leaves as it was', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    const { article } = await core.importText({ text: 'Titre\n\nUn article à étiqueter.' })
    await core.setTags({ id: article.id, tags: ['a'] })
    const index = join(libraryDir, 'library.journal')
    const before = (await stat(index)).mtimeMs
    await new Promise((resolve) => setTimeout(resolve, 20))
    await core.setTags({ id: article.id, tags: ['a'] })
    expect((await stat(index)).mtimeMs).toBe(before)
    await core.setTags({ id: article.id, tags: ['b'] })
    expect((await stat(index)).mtimeMs).toBeGreaterThan(before)
  })
})

describe('merging two computers’ versions of an article’s notes', () => {
  const note = (text: string, modified: string): Annotation => ({
    id: 'n1',
    articleId: 'a1b2c3d4e5f60718',
    kind: 'note',
    side: 'original',
    paragraphId: 'p1',
    selector: null,
    color: null,
    note: text,
    tags: [],
    created: '2026-12-01T10:00:00.000Z',
    modified,
  })
  const file = (annotations: Annotation[], deleted: StoredAnnotations['deleted'] = []): StoredAnnotations => ({
    schemaVersion: 1,
    annotations,
    deleted,
  })
  const merged = (main: StoredAnnotations, copy: StoredAnnotations) => mergeRules.annotations.merge(main, copy).merged

  it('keeps the newer change of a note both changed, whichever side has it', () => {
    const older = note('Première version', '2026-12-02T10:00:00.000Z')
    const newer = note('Version corrigée', '2026-12-03T10:00:00.000Z')
    expect(merged(file([older]), file([newer])).annotations.map((a) => a.note)).toEqual(['Version corrigée'])
    expect(merged(file([newer]), file([older])).annotations.map((a) => a.note)).toEqual(['Version corrigée'])
  })

  it('keeps a deletion over every change made before it, and a change made after it', () => {
    const changed = note('Changée le 2', '2026-12-02T10:00:00.000Z')
    const deletedOn3 = [{ ...changed, deletedAt: '2026-12-03T10:00:00.000Z' }]
    expect(merged(file([], deletedOn3), file([changed])).annotations).toEqual([])
    const changedOn4 = note('Changée le 4', '2026-12-04T10:00:00.000Z')
    expect(merged(file([], deletedOn3), file([changedOn4])).annotations.map((a) => a.note)).toEqual(['Changée le 4'])
  })
})

describe('merging two computers’ glossaries', () => {
  const entry = (id: string, source: string, target: string) => ({
    id,
    from: 'fr',
    to: 'en',
    source,
    target,
    created: '2026-12-01T10:00:00.000Z',
  })
  const glossary = (...entries: ReturnType<typeof entry>[]) => ({ schemaVersion: 1, entries })

  it('adds the other computer’s corrections, and keeps this computer’s where both changed the same entry or corrected the same words', () => {
    const here = glossary(entry('g1', 'maire', 'mayor'))
    const there = glossary(entry('g1', 'le maire', 'the mayor'), entry('g2', 'Maire', 'major'), entry('g3', 'rue', 'street'))
    const { merged, changes } = mergeRules.glossary.merge(here, there)
    expect(merged.entries.map((e) => `${e.source} → ${e.target}`)).toEqual(['maire → mayor', 'rue → street'])
    expect(changes).toBe(1)
  })
})

describe('copies already merged', () => {
  const { tempDir, openCore } = useLibraries()

  it('are kept in .merged/ for 30 days, then removed when the library opens', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    await core.importText({ text: 'Titre\n\nUn article.' })
    await core.close()
    const copyName = "library (Ana's conflicted copy 2026-12-03).json"
    await cp(join(libraryDir, 'library.json'), join(libraryDir, copyName))
    await utimes(join(libraryDir, copyName), new Date('2026-12-03T10:00:00Z'), new Date('2026-12-03T10:00:00Z'))
    const openOn = async (day: string) => (await openCore({ libraryDir, now: () => new Date(day) })).close()

    await openOn('2026-12-03T12:00:00Z')
    await openOn('2027-01-01T10:00:00Z')
    expect(await readdir(join(libraryDir, '.merged'))).toEqual([copyName])
    await openOn('2027-01-03T11:00:00Z')
    expect(await readdir(join(libraryDir, '.merged'))).toEqual([])
  })
})
