import { useEffect, useRef } from 'react'

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
export const READER_SHORTCUTS: { keys: string[]; action: ReaderAction }[] = [
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

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', ArrowRight: '→', ArrowLeft: '←', Escape: 'Esc', '=': '+' }

/** Calls `onAction` for the reader's shortcuts, except while the user types in a field or a dialog is open (its Esc closes it). */
export function useReaderKeys(onAction: (action: ReaderAction) => void) {
  const handler = useRef(onAction)
  handler.current = onAction
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || inDialog(event.target)) return
      const name = KEY_NAMES[event.key] ?? event.key
      const shortcut = READER_SHORTCUTS.find((s) => s.keys.includes(name))
      if (!shortcut) return
      event.preventDefault()
      handler.current(shortcut.action)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

function inDialog(target: EventTarget | null): boolean {
  return !!(target as Element | null)?.closest?.('dialog')
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
}
