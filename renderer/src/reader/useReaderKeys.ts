import { READER_SHORTCUTS, type ReaderAction } from '@shared/shortcuts'

import { useShortcutKeys } from '../hooks/useShortcutKeys'

export type { ReaderAction }

/** Calls `onAction` for the reader's shortcuts, except while the user types in a field or a dialog is open. */
export function useReaderKeys(onAction: (action: ReaderAction) => void) {
  useShortcutKeys(READER_SHORTCUTS, onAction)
}
