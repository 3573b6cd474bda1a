import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach } from 'vitest'

import { type Core, type CoreOptions, createCore } from '../../main/core/core'
import { extractionWorkerOfSources } from './source-worker'

/** A core's options in tests: the import worker runs from its source unless a test says otherwise. */
export type TestCoreOptions = Omit<CoreOptions, 'extractionWorker'> & Partial<Pick<CoreOptions, 'extractionWorker'>>

/** A fresh temporary folder per call, removed after the test. */
export function useTempDirs(): () => Promise<string> {
  return useLibraries().tempDir
}

/** Temporary folders and cores over them; after each test the cores are closed, then the folders removed. */
/** A library kept in test/fixtures, copied into a fresh temporary folder: a test may change the copy. */
export async function copyOfFixtureLibrary(tempDir: () => Promise<string>, name: string): Promise<string> {
  const libraryDir = join(await tempDir(), 'library')
  await cp(join(import.meta.dirname, '..', 'fixtures', name), libraryDir, { recursive: true })
  return libraryDir
}

export function useLibraries(): { tempDir: () => Promise<string>; openCore: (options: TestCoreOptions) => Promise<Core> } {
  const dirs: string[] = []
  const cores: Core[] = []
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((core) => core.close()))
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })
  return {
    tempDir: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'visavis-test-'))
      dirs.push(dir)
      return dir
    },
    openCore: async (options) => {
      const core = await createCore({
        userDataDir: join(options.libraryDir, '..', 'user-data'),
        extractionWorker: extractionWorkerOfSources(),
        ...options,
      })
      cores.push(core)
      return core
    },
  }
}
