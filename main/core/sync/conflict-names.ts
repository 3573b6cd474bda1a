/** How sync tools name the other computer's version of a file they could not reconcile. */

/** Where merged copies go, kept 30 days. */
export const MERGED_FOLDER = '.merged'

/** The names each sync tool gives the other computer's copy of `<stem><ext>`. */
function conflictPattern(stem: string, ext: string): RegExp {
  const name = stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const suffix = ext.replace('.', '\\.')
  return new RegExp(
    [
      // Dropbox "(Ana's conflicted copy 2026-12-03)", Nextcloud "(conflicted copy 2026-12-03 101500)"
      `^${name} \\([^)]*conflicted copy[^)]*(?:\\(\\d+\\))?\\)${suffix}$`,
      // Syncthing ".sync-conflict-20261203-101500-ABCDEFG"
      `^${name}\\.sync-conflict-\\d{8}-\\d{6}-[A-Z0-9]{7}${suffix}$`,
      // OneDrive "-<COMPUTERNAME>"
      `^${name}-[A-Za-z0-9][A-Za-z0-9_-]{0,62}${suffix}$`,
    ].join('|'),
  )
}

/** The files of `folder` with their conflict copies left out (merged into them by conflict-copies.ts). */
export function withoutConflictCopies(names: string[]): string[] {
  return names.filter((name) => !names.some((other) => other !== name && isConflictCopyOf(name, other)))
}

export function isConflictCopyOf(name: string, mainName: string): boolean {
  const [, stem, ext] = /^(.*?)(\.[^.]+)$/.exec(mainName) ?? []
  return stem !== undefined && conflictPattern(stem, ext!).test(name)
}
