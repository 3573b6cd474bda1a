import { rename } from 'node:fs/promises'

/** Renames `from` to `to`; false when `from` was not there (already moved, or never written). */
export async function renameIfExists(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
