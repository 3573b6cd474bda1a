import { useEffect, useRef } from 'react'

/** A <dialog> shown as a modal for as long as its component is there: focus stays in it, Esc cancels it. */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    element?.showModal()
    return () => element?.close()
  }, [])
  return dialog
}
