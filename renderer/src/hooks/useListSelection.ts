import { useCallback, useRef, useState } from 'react'

/**
 * The row the keyboard is on, by id so it outlives a reload of the list. A move asks the row to take the focus once,
 * when it is in the page: a row the virtual list mounts again later must not take the focus from where the user is.
 */
export function useListSelection(ids: string[]) {
  const [chosen, setChosen] = useState<string | null>(null)
  const focusRequest = useRef<string | null>(null)
  const scrollRequest = useRef<string | null>(null)
  const selectedId = chosen !== null && ids.includes(chosen) ? chosen : null

  const moveTo = (id: string | undefined) => {
    if (id === undefined) return
    focusRequest.current = id
    scrollRequest.current = id
    setChosen(id)
  }
  const takeFocusRequest = useCallback((id: string) => take(focusRequest, id), [])
  // A row chosen by the pointer is not scrolled: the list moving under a click would take the click from its link.
  const takeScrollRequest = useCallback((id: string) => take(scrollRequest, id), [])

  return {
    selectedId,
    select: setChosen,
    takeFocusRequest,
    takeScrollRequest,
    first: () => moveTo(ids[0]),
    /** One row down (1) or up (-1); the first row when none is selected. */
    move: (step: 1 | -1) => {
      const at = selectedId === null ? -1 : ids.indexOf(selectedId)
      moveTo(at < 0 ? ids[0] : ids[Math.min(ids.length - 1, Math.max(0, at + step))])
    },
  }
}

/** True once for the id a request was made for. */
function take(request: { current: string | null }, id: string): boolean {
  if (request.current !== id) return false
  request.current = null
  return true
}
