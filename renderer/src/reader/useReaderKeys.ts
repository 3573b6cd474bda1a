import { useShortcutKeys, type Shortcut } from '../hooks/useShortcutKeys'

export type ReaderAction =
  | 'nextParagraph'
  | 'previousParagraph'
  | 'nextSentence'
  | 'previousSentence'
  | 'toggleLayout'
  | 'swapSides'
  | 'biggerText'
  | 'smallerText'
  | 'cycleTheme'
  | 'toggleBookmark'
  | 'toggleNotes'
  | 'search'
  | 'back'
  | 'help'
  | 'escape'

/** Every reader shortcut, in the order the help overlay lists them. */
export const READER_SHORTCUTS: Shortcut<ReaderAction>[] = [
  { keys: ['j', '↓'], action: 'nextParagraph' },
  { keys: ['k', '↑'], action: 'previousParagraph' },
  { keys: ['l', '→'], action: 'nextSentence' },
  { keys: ['h', '←'], action: 'previousSentence' },
  { keys: ['i'], action: 'toggleLayout' },
  { keys: ['s'], action: 'swapSides' },
  { keys: ['+'], action: 'biggerText' },
  { keys: ['-'], action: 'smallerText' },
  { keys: ['t'], action: 'cycleTheme' },
  { keys: ['b'], action: 'toggleBookmark' },
  { keys: ['n'], action: 'toggleNotes' },
  { keys: ['/'], action: 'search' },
  { keys: ['Backspace', 'u'], action: 'back' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'escape' },
]

/** Calls `onAction` for the reader's shortcuts, except while the user types in a field or a dialog is open. */
export function useReaderKeys(onAction: (action: ReaderAction) => void) {
  useShortcutKeys(READER_SHORTCUTS, onAction)
}
