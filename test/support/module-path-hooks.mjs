// Node module hooks for running the doors from their sources: an electron-vite `?modulePath` import (the path of a
// worker's built script) gives the path of a loader of the worker's source instead, as vitest.config.ts does in tests.
const MODULE_PATH = '?modulePath'
const SOURCE_WORKER = new URL('./source-worker.ts', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith(MODULE_PATH)) return nextResolve(specifier, context)
  const source = await nextResolve(specifier.slice(0, -MODULE_PATH.length), context)
  return { url: `${source.url}${MODULE_PATH}`, shortCircuit: true }
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith(MODULE_PATH)) return nextLoad(url, context)
  const sourcePath = JSON.stringify(new URL(url.slice(0, -MODULE_PATH.length)).pathname)
  return {
    format: 'module',
    source: `import { sourceWorkerEntry } from ${JSON.stringify(SOURCE_WORKER)}\nexport default sourceWorkerEntry(${sourcePath})\n`,
    shortCircuit: true,
  }
}
