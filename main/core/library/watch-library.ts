import { watch } from 'node:fs'
import { join } from 'node:path'

/** What changed on disk: `folders` when article folders may have come or gone, not only the index. */
export interface LibraryChange {
  folders: boolean
}

/**
 * Watches the library folder (its index) and the article folders (another process, or a folder synced by Syncthing
 * or Dropbox); calls `onChange` once things settle. Returns the function that stops watching.
 */
export function watchLibrary(libraryDir: string, onChange: (change: LibraryChange) => Promise<void>): () => void {
  let timer: NodeJS.Timeout | undefined
  let folders = false
  const changed = (inArticles: boolean) => (_event: string, name: string | null) => {
    folders ||= inArticles || !isIndexFile(name)
    clearTimeout(timer)
    timer = setTimeout(() => {
      const change = { folders }
      folders = false
      void onChange(change).catch((error: unknown) => console.error('Reloading the library failed:', error))
    }, 300)
  }
  const watchers = [libraryDir, join(libraryDir, 'articles')].flatMap((dir, i) => {
    try {
      return [watch(dir, changed(i === 1))]
    } catch {
      return [] // not created yet: nothing to watch until the first import, made by this process
    }
  })
  return () => {
    clearTimeout(timer)
    for (const watcher of watchers) watcher.close()
  }
}

/** library.json, its journal, and the lock and temporary files written beside them. */
function isIndexFile(name: string | null): boolean {
  return name !== null && /^\.?library\.(json|journal|lock)\b/.test(name)
}
