import { resolve } from 'node:path'

import { defineConfig, type Plugin } from 'vitest/config'

import { sourceWorkerEntry } from './test/support/source-worker.ts'

const MODULE_PATH = '?modulePath'
const SOURCE_ENTRY = '\0source-entry:'

/** The doors' `?modulePath` imports (electron-vite builds that module on its own) give the tests a loader of the source. */
const modulePathOfSources: Plugin = {
  name: 'module-path-of-sources',
  enforce: 'pre',
  async resolveId(id, importer) {
    if (!id.endsWith(MODULE_PATH)) return null
    const source = await this.resolve(id.slice(0, -MODULE_PATH.length), importer)
    return source && `${SOURCE_ENTRY}${source.id}`
  },
  load(id) {
    if (!id.startsWith(SOURCE_ENTRY)) return null
    return `export default ${JSON.stringify(sourceWorkerEntry(id.slice(SOURCE_ENTRY.length)))}`
  },
}

export default defineConfig({
  plugins: [modulePathOfSources],
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'main/api') } },
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 20_000,
    setupFiles: ['test/support/isolated-user-data.ts'],
  },
})
