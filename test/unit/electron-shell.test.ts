/** The desktop shell's pure parts: window state, importing picked files, the menu's words. */
import { mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { IMPORT_BATCH_BYTES } from '../../main/api/batches'
import { type ImportOutcome, MAX_FILES_PER_BATCH, MAX_IMPORT_BYTES } from '../../main/api/contract'
import { LIBRARY_SHORTCUTS, READER_SHORTCUTS } from '../../main/api/shortcuts'
import { articleFilesUnder } from '../../main/core/import/article-files'
import { type ImportFile, importPaths } from '../../main/core/import/import-paths'
import { summarizeImport } from '../../main/electron/file-import'
import { aboutText, exportFilter, shortcutsHelpText } from '../../main/electron/menu-text'
import {
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  MIN_WINDOW_SIZE,
  sanitizeWindowState,
  saveWindowState,
  windowStateFrom,
} from '../../main/electron/window-state'
import packageJson from '../../package.json'
import { useLibraries } from '../support/temp-dir'

const screen = { x: 0, y: 0, width: 1920, height: 1050 }
const second = { x: 1920, y: 0, width: 1280, height: 1000 }

describe('window state', () => {
  const { tempDir } = useLibraries()

  it('keeps a saved place that is on a display', () => {
    expect(sanitizeWindowState({ x: 100, y: 80, width: 1000, height: 700, maximized: false }, [screen])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: false,
    })
    expect(sanitizeWindowState({ x: 2000, y: 50, width: 900, height: 600, maximized: true }, [screen, second])).toEqual({
      x: 2000,
      y: 50,
      width: 900,
      height: 600,
      maximized: true,
    })
  })

  it('centres a window whose display is gone, or whose title bar would be off screen', () => {
    expect(sanitizeWindowState({ x: 2000, y: 50, width: 900, height: 600 }, [screen])).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    })
    expect(sanitizeWindowState({ x: 100, y: -500, width: 900, height: 600 }, [screen])).not.toHaveProperty('x')
    expect(sanitizeWindowState({ x: 1900, y: 100, width: 900, height: 600 }, [screen])).not.toHaveProperty('x')
  })

  it('clamps the size between the minimum and the largest display, and forgives damaged values', () => {
    expect(sanitizeWindowState({ width: 10, height: 10 }, [screen])).toMatchObject(MIN_WINDOW_SIZE)
    expect(sanitizeWindowState({ width: 9000, height: 9000 }, [screen])).toMatchObject({ width: 1920, height: 1050 })
    for (const raw of [null, 'text', 42, [], { width: 'wide', height: NaN, x: Infinity, y: 3, maximized: 'yes' }]) {
      expect(sanitizeWindowState(raw, [screen]), JSON.stringify(raw)).toEqual(DEFAULT_WINDOW_STATE)
    }
    expect(sanitizeWindowState({ width: 800, height: 600 }, [])).toMatchObject({ width: 800, height: 600 })
  })

  it('is stored as a small JSON file, written atomically, and read back', async () => {
    const dir = await tempDir()
    const file = join(dir, 'window-state.json')
    expect(await loadWindowState(file, [screen])).toEqual(DEFAULT_WINDOW_STATE)
    const state = windowStateFrom({ x: 40, y: 30, width: 1100, height: 720 }, true)
    await saveWindowState(file, state)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state)
    expect(await loadWindowState(file, [screen])).toEqual(state)
    expect(await readdir(dir)).toEqual(['window-state.json'])
    await writeFile(file, '{ half a file')
    expect(await loadWindowState(file, [screen])).toEqual(DEFAULT_WINDOW_STATE)
  })
})

describe('importing picked files', () => {
  const { tempDir, openCore } = useLibraries()
  const article = (title: string) =>
    `${title}\n\nLe gouvernement a présenté mercredi un projet de loi sur la rénovation des logements anciens.\n`

  it('sends the files’ bytes to the core and reports each outcome', async () => {
    const dir = await tempDir()
    const core = await openCore({ libraryDir: join(dir, 'library') })
    await writeFile(join(dir, 'un.txt'), article('Premier article'))
    await writeFile(
      join(dir, 'deux.html'),
      `<html><head><title>Deuxième article</title></head><body><article><h1>Deuxième article</h1><p>${'Le conseil municipal a voté le budget de la ville pour la prochaine année. '.repeat(3)}</p></article></body></html>`,
    )
    await writeFile(join(dir, 'encore.txt'), article('Premier article'))
    await writeFile(join(dir, 'image.png'), 'not an article')
    await writeFile(join(dir, 'big.txt'), '')
    await truncate(join(dir, 'big.txt'), MAX_IMPORT_BYTES + 1)
    const paths = ['un.txt', 'deux.html', 'encore.txt', 'absent.txt', 'big.txt', 'image.png'].map((name) => join(dir, name))

    const outcomes = await importPaths(paths, (files) => core.importFiles({ files }))
    expect(outcomes.map((outcome) => [outcome.fileName, outcome.status])).toEqual([
      ['un.txt', 'imported'],
      ['deux.html', 'imported'],
      ['encore.txt', 'duplicate'],
      ['absent.txt', 'failed'],
      ['big.txt', 'failed'],
      ['image.png', 'failed'],
    ])
    expect((await core.listArticles({})).map((summary) => summary.title).sort()).toEqual(['Deuxième article', 'Premier article'])

    const summary = summarizeImport(outcomes)
    expect(summary).toMatchObject({ imported: 2, duplicates: 1, failed: 3, openArticleId: null })
    expect(summary.message).toBe('Imported 2 articles, 1 already in the library, 3 failed.')
    expect(summary.detail.split('\n')).toHaveLength(3)
    expect(summary.detail).toMatch(/big\.txt is over 20 MB/)
  })

  it('opens the article when a single file was imported', async () => {
    const dir = await tempDir()
    const core = await openCore({ libraryDir: join(dir, 'library') })
    await writeFile(join(dir, 'seul.md'), article('Un seul article'))
    const outcomes = await importPaths([join(dir, 'seul.md')], (files) => core.importFiles({ files }))
    const summary = summarizeImport(outcomes)
    expect(summary.openArticleId).toMatch(/^[0-9a-f]{16}$/)
    expect(summary.message).toBe('Imported 1 article.')
    expect(summarizeImport([]).message).toMatch(/No article file/)
  })

  it('batches by count and by size, within the contract’s limits', async () => {
    const dir = await tempDir()
    const paths: string[] = []
    for (let i = 0; i < MAX_FILES_PER_BATCH + 5; i++) {
      const path = join(dir, `a${String(i).padStart(3, '0')}.txt`)
      await writeFile(path, `Titre ${i}\n\nTexte.`)
      paths.push(path)
    }
    for (const name of ['large1.txt', 'large2.txt']) {
      await writeFile(join(dir, name), '')
      await truncate(join(dir, name), IMPORT_BATCH_BYTES - 1024)
      paths.push(join(dir, name))
    }
    const batches: ImportFile[][] = []
    const progress: number[] = []
    const fake = async (files: ImportFile[]): Promise<ImportOutcome[]> => {
      batches.push(files)
      return files.map((file) => ({ fileName: file.fileName, status: 'failed', error: { code: 'invalid_input', message: 'x' } }))
    }
    const outcomes = await importPaths(paths, fake, {
      nameOf: (path) => path.slice(dir.length + 1),
      onProgress: (done) => progress.push(done),
    })
    expect(outcomes).toHaveLength(paths.length)
    expect(batches.map((batch) => batch.length)).toEqual([MAX_FILES_PER_BATCH, 6, 1])
    expect(batches[0]![0]).toEqual({ fileName: 'a000.txt', base64: Buffer.from('Titre 0\n\nTexte.').toString('base64') })
    expect(progress).toEqual([MAX_FILES_PER_BATCH, MAX_FILES_PER_BATCH + 6, MAX_FILES_PER_BATCH + 7])
  })

  it('finds the article files of a folder, hidden ones skipped, in order', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'b', 'deep'), { recursive: true })
    await mkdir(join(dir, '.git'), { recursive: true })
    for (const name of ['z.txt', 'a.HTML', 'b/deep/c.md', 'b/page.htm', '.hidden.txt', '.git/x.txt', 'photo.jpg', 'b/readme']) {
      await writeFile(join(dir, name), 'x')
    }
    expect(
      (await articleFilesUnder(dir)).map((path) =>
        path
          .slice(dir.length + 1)
          .split('\\')
          .join('/'),
      ),
    ).toEqual(['a.HTML', 'b/deep/c.md', 'b/page.htm', 'z.txt'])
  })
})

describe('menu words', () => {
  it('lists every reader and library shortcut in the Keyboard shortcuts box, with its keys', async () => {
    const text = shortcutsHelpText('linux')
    for (const { keys } of [...READER_SHORTCUTS, ...LIBRARY_SHORTCUTS]) expect(text).toContain(`${keys.join(' or ')}\t`)
    expect(text).toContain('j or ↓\tNext paragraph')
    expect(text).toContain('In the library:\n/\tSearch the library\nj\tNext article')
    expect(text).toContain('Ctrl+O\tImport files…')
    expect(shortcutsHelpText('darwin')).toContain('Cmd+O\tImport files…')
  })

  it('shows the version in the About box', () => {
    const { message, detail } = aboutText({ app: packageJson.version, electron: '45.5.0', chrome: '140.0', node: '22.0.0' })
    expect(message).toBe(`Vis-à-vis ${packageJson.version}`)
    expect(detail).toContain(`Version ${packageJson.version}`)
    expect(detail).toContain('Electron 45.5.0')
  })

  it('offers each export with the extension the core gives it', () => {
    expect(exportFilter('md', 'notes.md')).toEqual({ name: 'Markdown (Obsidian)', extensions: ['md'] })
    expect(exportFilter('anki', 'notes.anki.txt').extensions).toEqual(['txt'])
    expect(exportFilter('csv', 'notes.csv').extensions).toEqual(['csv'])
    expect(exportFilter('json', 'notes').extensions).toEqual(['json'])
  })
})
