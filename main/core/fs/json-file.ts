import { readFile } from 'node:fs/promises'

import type { Adapter } from 'lowdb'
import type { z } from 'zod'

import { ApiError } from '../../api/errors'
import { writeJsonAtomic } from './atomic-write'
import { renameIfExists } from './rename-if-exists'

/** A kind of file the app writes: the shape it must have, and the newest version of it this app knows. */
export interface StoredFileKind<T> {
  schema: z.ZodType<T>
  version: number
}

/**
 * A lowdb adapter whose reads check the file's shape and whose writes are atomic and durable; it never writes over a
 * file a newer version of the app wrote.
 */
export class AtomicJsonFile<T extends { schemaVersion: number }> implements Adapter<T> {
  constructor(
    private readonly path: string,
    private readonly kind: StoredFileKind<T>,
  ) {}

  async read(): Promise<T | null> {
    return readJsonFile(this.path, this.kind)
  }

  async write(data: T): Promise<void> {
    assertWritable(this.path, data, this.kind)
    await writeJsonAtomic(this.path, data)
  }
}

/**
 * Reads a file the app wrote: null when it is missing; a `corrupt_file` error that names it when it is not JSON or
 * not of its kind's shape; a `newer_version` error when a newer app wrote it in a shape this one cannot read.
 */
export async function readJsonFile<T>(path: string, kind: StoredFileKind<T>): Promise<T | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ApiError('corrupt_file', `${path} is damaged (not valid JSON).`, String(error))
  }
  const parsed = kind.schema.safeParse(json)
  if (parsed.success) return parsed.data
  if (isNewer(json, kind)) throw newerVersionError(path)
  throw new ApiError('corrupt_file', `${path} is damaged (${parsed.error.issues[0]?.message ?? 'not the expected shape'}).`)
}

/** Refuses to write over what a newer app wrote: the fields this one does not know would be lost. */
export function assertWritable(path: string, stored: unknown, kind: StoredFileKind<unknown>): void {
  if (isNewer(stored, kind)) throw newerVersionError(path)
}

function isNewer(json: unknown, kind: StoredFileKind<unknown>): boolean {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion
  return typeof version === 'number' && version > kind.version
}

function newerVersionError(path: string): ApiError {
  return new ApiError('newer_version', {
    messageCode: 'file_from_newer_version',
    params: { file: path },
    message: `${path} was written by a newer version of Vis-à-vis. Update the app to change it; nothing in it was touched.`,
  })
}

/**
 * Sets a damaged file aside as `<name>.corrupt-<timestamp>`, keeping it for the user; returns the new path, or null
 * when another reader of the same damaged file set it aside first (and told the user).
 */
export async function moveAside(path: string): Promise<string | null> {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  return (await renameIfExists(path, aside)) ? aside : null
}
