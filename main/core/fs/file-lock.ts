import { open, readFile, rm, stat } from 'node:fs/promises'
import { hostname } from 'node:os'

import { ApiError } from '../../api/errors'

interface LockOwner {
  pid: number
  host: string
}

const RETRY_MS = 15
const WAIT_LIMIT_MS = 15_000
/** A lock this old is a leftover whatever its owner says (its machine may have gone, or the PID been reused). */
const STALE_AFTER_MS = 60_000
/** The takeover guard is held for a check and a delete; one older than this was left by a process that died then. */
const GUARD_STALE_AFTER_MS = 10_000

/**
 * A lock file shared by every process using the folder (the app, the CLI, a second window): created exclusively,
 * removed when done. A lock left by a process that died (killed, crashed) is taken over, by one waiter at a time.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  await acquire(path)
  try {
    return await work()
  } finally {
    await rm(path, { force: true })
  }
}

async function acquire(path: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS
  for (;;) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner))
      await handle.close()
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (await isAbandoned(path)) {
      await removeAbandoned(path)
      continue
    }
    if (Date.now() > deadline) {
      throw new ApiError('internal', `The library is busy: another Vis-à-vis process holds ${path}. Try again in a moment.`)
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS + Math.random() * RETRY_MS))
  }
}

/**
 * Two waiters can both find the same lock abandoned; the second must not delete the fresh lock the first took since.
 * So the check is made again, and the lock deleted, only while holding a guard file that one waiter at a time creates.
 */
async function removeAbandoned(path: string): Promise<void> {
  const guard = `${path}.takeover`
  try {
    await (await open(guard, 'wx')).close()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const info = await stat(guard).catch(() => null)
    if (info && Date.now() - info.mtimeMs > GUARD_STALE_AFTER_MS) await rm(guard, { force: true })
    return
  }
  try {
    if (await isAbandoned(path)) await rm(path, { force: true })
  } finally {
    await rm(guard, { force: true })
  }
}

async function isAbandoned(path: string): Promise<boolean> {
  const [text, info] = await Promise.all([readFile(path, 'utf8').catch(() => null), stat(path).catch(() => null)])
  if (!info) return false // released meanwhile
  if (Date.now() - info.mtimeMs > STALE_AFTER_MS) return true
  let owner: LockOwner
  try {
    owner = JSON.parse(text ?? '') as LockOwner
  } catch {
    // Being written this instant, or left half-written by a process killed while taking it.
    return Date.now() - info.mtimeMs > 1000
  }
  return owner.host === hostname() && !isAlive(owner.pid)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
