import { type RefObject, useEffect } from 'react'

import { useEscapeFirst } from './useEscapeFirst'

/** Esc, or a click outside `wrapper`, closes a popover. */
export function useClosingOutside(open: boolean, wrapper: RefObject<HTMLElement | null>, close: () => void) {
  useEscapeFirst(open, close)
  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) close()
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open, wrapper, close])
}
