import type { Shortcut } from '@shared/shortcuts'
import { useEffect, useRef } from 'react'

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', ArrowRight: '→', ArrowLeft: '←', Escape: 'Esc', '=': '+' }

/**
 * Calls `onAction` for a screen's shortcuts, except while the user types in a field or a dialog is open (its Esc
 * closes it). A handler that returns false leaves the key to the page.
 */
export function useShortcutKeys<Action extends string>(
  shortcuts: readonly Shortcut<Action>[],
  onAction: (action: Action, event: KeyboardEvent) => boolean | void,
) {
  const handler = useRef(onAction)
  handler.current = onAction
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || inDialog(event.target)) return
      const name = KEY_NAMES[event.key] ?? event.key
      const shortcut = shortcuts.find((s) => s.keys.includes(name))
      if (shortcut && handler.current(shortcut.action, event) !== false) event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [shortcuts])
}

function inDialog(target: EventTarget | null): boolean {
  return !!(target as Element | null)?.closest?.('dialog')
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
}
