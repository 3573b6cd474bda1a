import { useShortcutKeys, type Shortcut } from './useShortcutKeys'

export type LibraryAction = 'search' | 'nextArticle' | 'previousArticle' | 'openArticle' | 'help'

/** Every library shortcut, in the order the help overlay lists them. */
export const LIBRARY_SHORTCUTS: Shortcut<LibraryAction>[] = [
  { keys: ['/'], action: 'search' },
  { keys: ['j'], action: 'nextArticle' },
  { keys: ['k'], action: 'previousArticle' },
  { keys: ['Enter'], action: 'openArticle' },
  { keys: ['?'], action: 'help' },
]

/** Calls `onAction` for the library's shortcuts; false from it leaves the key to the page (Enter on a button). */
export function useLibraryKeys(onAction: (action: LibraryAction, event: KeyboardEvent) => boolean | void) {
  useShortcutKeys(LIBRARY_SHORTCUTS, onAction)
}
