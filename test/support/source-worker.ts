import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const LOADERS_DIR = fileURLToPath(new URL('../../node_modules/.cache/visavis-workers', import.meta.url))

/**
 * The doors start worker threads from the build (electron-vite's `?modulePath`). Tests and benchmarks run the
 * TypeScript sources, so their worker entry is a small module that loads the source through tsx; it is written inside
 * node_modules, so that it finds tsx.
 */
export function sourceWorkerEntry(sourcePath: string): string {
  const loader = join(LOADERS_DIR, `${basename(sourcePath, '.ts')}.mjs`)
  mkdirSync(LOADERS_DIR, { recursive: true })
  const source = JSON.stringify(pathToFileURL(sourcePath).href)
  writeFileSync(loader, `import { tsImport } from 'tsx/esm/api'\nawait tsImport(${source}, import.meta.url)\n`)
  return loader
}

/** The import worker's entry when the core runs from its sources. */
export const extractionWorkerOfSources = (): string =>
  sourceWorkerEntry(fileURLToPath(new URL('../../main/core/import/extraction-worker.ts', import.meta.url)))
