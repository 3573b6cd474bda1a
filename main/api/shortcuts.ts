/**
 * The single-key shortcuts of the reader and the library: what the renderer listens for and lists in its help, and
 * what the desktop menu's Keyboard shortcuts box lists. Labels are each side's own (the UI's languages, the menu's).
 */

/** A screen's shortcut: any one of `keys` does `action`; help lists them in this order. */
export interface Shortcut<Action extends string> {
  keys: readonly string[]
  action: Action
}

export const READER_SHORTCUTS = [
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
] as const satisfies readonly Shortcut<string>[]

export type ReaderAction = (typeof READER_SHORTCUTS)[number]['action']

export const LIBRARY_SHORTCUTS = [
  { keys: ['/'], action: 'search' },
  { keys: ['j'], action: 'nextArticle' },
  { keys: ['k'], action: 'previousArticle' },
  { keys: ['Enter'], action: 'openArticle' },
  { keys: ['?'], action: 'help' },
] as const satisfies readonly Shortcut<string>[]

export type LibraryAction = (typeof LIBRARY_SHORTCUTS)[number]['action']
