/** A library on a read-only disk (or one that is full) can still be read, after an import that was cut short. */
import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { VISAVIS_FROM_SOURCES } from '../support/cli-from-sources'
import { readIndexOnDisk, writeIndexOnDisk } from '../support/library-index'
import { SEED_PATH } from '../support/seed'
import { useTempDirs } from '../support/temp-dir'

const run = promisify(execFile)
const SECOND_ARTICLE = 'Un second article\n\nLe conseil municipal a voté mercredi le budget de la ville pour l’année prochaine.\n'

/**
 * Runs the CLI with `library` mounted read-only (writes fail with EROFS, as on a read-only disk): in a mount namespace
 * of its own where the system allows one, else, for a user other than root, with the folders' write permission removed.
 */
function readOnlyRunner(library: string): (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }> {
  const namespaces = spawnSync('unshare', ['-rm', 'true']).status === 0
  if (!namespaces && process.getuid?.() === 0) throw new Error('This test needs `unshare -rm` (util-linux) to mount a folder read-only.')
  const remountReadOnly = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
  return async (args) => {
    const command = namespaces
      ? ['unshare', ['-rm', 'sh', '-c', remountReadOnly, library, process.execPath, VISAVIS_FROM_SOURCES, ...args]]
      : [process.execPath, [VISAVIS_FROM_SOURCES, ...args]]
    if (!namespaces) await setWritable(library, false)
    try {
      const { stdout, stderr } = await run(command[0] as string, command[1] as string[])
      return { code: 0, stdout, stderr }
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
      return { code, stdout, stderr }
    } finally {
      if (!namespaces) await setWritable(library, true)
    }
  }
}

async function setWritable(dir: string, writable: boolean): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) await chmod(join(entry.parentPath, entry.name), writable ? 0o755 : 0o555)
  }
  await chmod(dir, writable ? 0o755 : 0o555)
}

/** Every file of the library with its content's hash, to show that nothing was written. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry)
    if ((await stat(path)).isFile())
      files[entry] = createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
  }
  return files
}

describe('a library on a read-only disk', () => {
  const tempDir = useTempDirs()

  it(
    'lists, shows and searches every article, and lists notes, after an import cut short before the index was written',
    { timeout: 120_000 },
    async () => {
      const library = join(await tempDir(), 'library')
      const visavis = (args: string[]) => run(process.execPath, [VISAVIS_FROM_SOURCES, ...args, '--library', library])
      const seed = JSON.parse((await visavis(['import', SEED_PATH, '--json'])).stdout).article
      await visavis(['note', 'add', seed.id, '--paragraph', '1', '--text', 'Relire ce passage.'])
      const second = join(await tempDir(), 'second.txt')
      await writeFile(second, SECOND_ARTICLE)
      const cutShort = JSON.parse((await visavis(['import', second, '--json'])).stdout).article
      // The import wrote its folder, then was stopped before the index and the search index took it in.
      const index = await readIndexOnDisk(library)
      index.articles = index.articles.filter((article) => article.id !== cutShort.id)
      await writeIndexOnDisk(library, index)
      await writeFile(join(library, 'search-index.json'), '')
      const before = await snapshot(library)
      const readOnly = readOnlyRunner(library)

      const list = await readOnly(['list', '--json', '--library', library])
      expect(list.code).toBe(0)
      expect(
        JSON.parse(list.stdout)
          .map((article: { id: string }) => article.id)
          .sort(),
      ).toEqual([seed.id, cutShort.id].sort())
      expect(list.stderr).toMatch(
        /^visavis: warning: Article folders missing from .*library\.json are listed, but could not be added to it: EROFS|EACCES/m,
      )
      expect(list.stderr).not.toMatch(/^\s+at /m) // one line each, no stack

      const show = await readOnly(['show', cutShort.id, '--json', '--library', library])
      expect(show.code).toBe(0)
      expect(JSON.parse(show.stdout).title).toBe('Un second article')

      const search = await readOnly(['search', 'budget', '--json', '--library', library])
      expect(search.code).toBe(0)
      expect(JSON.parse(search.stdout).map((hit: { id: string }) => hit.id)).toEqual([cutShort.id])
      // Listing reads no search index; searching rebuilds it and cannot save it.
      expect(search.stderr).toMatch(/^visavis: warning: .*search-index\.json could not be saved/m)
      expect(search.stderr).not.toMatch(/^\s+at /m)

      const notes = await readOnly(['note', 'list', seed.id, '--json', '--library', library])
      expect(notes.code).toBe(0)
      expect(JSON.parse(notes.stdout).map((note: { note: string }) => note.note)).toEqual(['Relire ce passage.'])

      expect(await snapshot(library)).toEqual(before)
    },
  )

  it('says what failed when a change cannot be written, instead of pointing to a log there is not', { timeout: 60_000 }, async () => {
    const library = join(await tempDir(), 'library')
    await run(process.execPath, [VISAVIS_FROM_SOURCES, 'import', SEED_PATH, '--library', library])
    const second = join(await tempDir(), 'second.txt')
    await writeFile(second, SECOND_ARTICLE)
    const { code, stderr } = await readOnlyRunner(library)(['import', second, '--library', library])
    expect(code).toBe(1)
    // What the system said, and where (Node's recursive mkdir reports a read-only parent as ENOENT).
    expect(stderr).toMatch(new RegExp(`^visavis: .*E[A-Z]+: .*${library}`, 'm'))
    expect(stderr).not.toMatch(/log/)
  })
})
