import { useEffect } from 'react'

/**
 * While `active`, Esc calls `onEscape` and nothing else: the listener is first in line (capture) and stops the key,
 * so the reader's own Esc shortcut does not run as well.
 */
export function useEscapeFirst(active: boolean, onEscape: () => void): void {
  useEffect(() => {
    if (!active) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.stopPropagation()
      onEscape()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [active, onEscape])
}
