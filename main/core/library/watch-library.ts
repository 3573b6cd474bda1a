import { watch } from 'node:fs'
import { join } from 'node:path'

/**
 * Watches library.json and the article folders (another process, or a folder synced by Syncthing or Dropbox);
 * calls `onChange` once things settle. Returns the function that stops watching.
 */
export function watchLibrary(libraryDir: string, onChange: () => Promise<void>): () => void {
  let timer: NodeJS.Timeout | undefined
  const changed = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void onChange().catch((error: unknown) => console.error('Reloading the library failed:', error)), 300)
  }
  const watchers = [libraryDir, join(libraryDir, 'articles')].flatMap((dir) => {
    try {
      return [watch(dir, changed)]
    } catch {
      return [] // not created yet: nothing to watch until the first import, made by this process
    }
  })
  return () => {
    clearTimeout(timer)
    for (const watcher of watchers) watcher.close()
  }
}
