import type * as FsPromises from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'

/** One call that changes the file system, as `node:fs/promises` received it. */
export interface FsCall {
  call: 'open' | 'write' | 'sync' | 'close' | 'rename' | 'copyFile' | 'truncate'
  path: string
  /** The new name (rename) or the copy (copyFile). */
  to?: string
  /** How the file was opened (open). */
  flags?: string
}

type Fs = typeof FsPromises

const HANDLE_CALLS: Record<string, FsCall['call']> = {
  write: 'write',
  writeFile: 'write',
  appendFile: 'write',
  writev: 'write',
  truncate: 'truncate',
  sync: 'sync',
  datasync: 'sync',
  close: 'close',
}

/**
 * `node:fs/promises` with every call that writes, syncs, renames or closes recorded in `calls`, in order, for
 * `vi.mock('node:fs/promises', …)`: a test sees how the code under test writes its files, whatever function it is in.
 */
export function recordingFs(real: Fs, calls: FsCall[]): Fs {
  const record = (call: FsCall) => void calls.push(call)
  const pathOf = (target: unknown) => String(target)

  const handleRecording = (handle: FileHandle, path: string): FileHandle =>
    new Proxy(handle, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown
        if (typeof value !== 'function') return value
        const call = HANDLE_CALLS[String(property)]
        return (...args: unknown[]) => {
          if (call) record({ call, path })
          return (value as (...args: unknown[]) => unknown).apply(target, args)
        }
      },
    })

  /** writeFile and appendFile take a path or a handle; a handle records its own call. */
  const byPathOrHandle = (write: (file: unknown, ...rest: unknown[]) => Promise<void>) =>
    ((file: unknown, ...rest: unknown[]) => {
      if (typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file)) {
        record({ call: 'open', path: pathOf(file), flags: 'w' })
        record({ call: 'write', path: pathOf(file) })
        record({ call: 'close', path: pathOf(file) })
      }
      return write(file, ...rest)
    }) as never

  const overrides: Partial<Fs> = {
    open: async (path, flags, mode) => {
      record({ call: 'open', path: pathOf(path), flags: String(flags ?? 'r') })
      return handleRecording(await real.open(path, flags, mode), pathOf(path))
    },
    writeFile: byPathOrHandle(real.writeFile as never),
    appendFile: byPathOrHandle(real.appendFile as never),
    rename: async (from, to) => {
      record({ call: 'rename', path: pathOf(from), to: pathOf(to) })
      return real.rename(from, to)
    },
    copyFile: async (from, to, mode) => {
      record({ call: 'copyFile', path: pathOf(from), to: pathOf(to) })
      return real.copyFile(from, to, mode)
    },
    truncate: async (path, length) => {
      record({ call: 'truncate', path: pathOf(path) })
      return real.truncate(path, length)
    },
  }
  return { ...real, ...overrides, default: { ...real, ...overrides } } as Fs
}
