import { hostname } from 'node:os'
import { open, readFile, rm, stat } from 'node:fs/promises'
import { ApiError } from '../../api/errors'

interface LockOwner {
  pid: number
  host: string
}

const RETRY_MS = 15
const WAIT_LIMIT_MS = 15_000
/** A lock this old is a leftover whatever its owner says (its machine may have gone, or the PID been reused). */
const STALE_AFTER_MS = 60_000

/**
 * A lock file shared by every process using the folder (the app, the CLI, a second window): created exclusively,
 * removed when done. A lock left by a process that died (killed, crashed) is taken over.
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
      await rm(path, { force: true })
      continue
    }
    if (Date.now() > deadline) {
      throw new ApiError('internal', `The library is busy: another Vis-à-vis process holds ${path}. Try again in a moment.`)
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS + Math.random() * RETRY_MS))
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
