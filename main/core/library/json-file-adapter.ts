import { readFile, rename } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { ApiError } from '../../api/errors'
import { writeJsonAtomic } from '../fs/atomic-write'

/** A lowdb adapter whose writes are atomic and durable, and which names the file when its content is damaged. */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    return readJsonFile<T>(this.path)
  }

  async write(data: T): Promise<void> {
    await writeJsonAtomic(this.path, data)
  }
}

/** Reads a JSON file; a missing file is null, a damaged one an error that names it. */
export async function readJsonFile<T>(path: string): Promise<T | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    return JSON.parse(text) as T
  } catch (error) {
    throw new ApiError('corrupt_file', `${path} is damaged (not valid JSON).`, String(error))
  }
}

/** Sets a damaged file aside as `<name>.corrupt-<timestamp>`, keeping it for the user; returns the new path. */
export async function moveAside(path: string): Promise<string> {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await rename(path, aside)
  return aside
}
