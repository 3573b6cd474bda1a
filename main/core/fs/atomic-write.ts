import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file so that readers see either the old or the new content, never a mix, even after a crash:
 * temporary file beside the target, fsync, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(content)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temporary, { force: true })
    throw error
  }
  await handle.close()
  await rename(temporary, path)
  await syncFolder(dirname(path))
}

/** Makes a file's name (a rename, a new file) as durable as its content. */
export async function syncFolder(folder: string): Promise<void> {
  let handle
  try {
    handle = await open(folder, 'r')
    await handle.sync()
  } catch {
    // Windows cannot open or fsync a folder; the rename is as durable as that platform makes it.
  } finally {
    await handle?.close()
  }
}

/** Indented by default, for files people may read; `indent: 0` for large machine files. */
export async function writeJsonAtomic(path: string, value: unknown, { indent = 2 } = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, indent)}\n`)
}
