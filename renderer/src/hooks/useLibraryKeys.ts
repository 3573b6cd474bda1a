import { LIBRARY_SHORTCUTS, type LibraryAction } from '@shared/shortcuts'

import { useShortcutKeys } from './useShortcutKeys'

export type { LibraryAction }

/** Calls `onAction` for the library's shortcuts; false from it leaves the key to the page (Enter on a button). */
export function useLibraryKeys(onAction: (action: LibraryAction, event: KeyboardEvent) => boolean | void) {
  useShortcutKeys(LIBRARY_SHORTCUTS, onAction)
}
