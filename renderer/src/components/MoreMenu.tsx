import { type MouseEvent, type ReactNode, useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useClosingOutside } from '../hooks/useClosingOutside'

/**
 * The controls a bar has no room for, or a list row's actions, behind a "⋯" button. A disclosure rather than an ARIA menu: the fields and
 * buttons inside keep their own roles and Tab walks through them. Esc, a click elsewhere or a button chosen closes it.
 */
export function MoreMenu({ label, children }: { label?: string; children: ReactNode }) {
  const { t } = useTranslation()
  const name = label ?? t('nav.more')
  const [open, setOpen] = useState(false)
  const id = useId()
  const wrapper = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const close = useCallback(() => {
    // Focus left inside would be lost when the items hide.
    if (wrapper.current?.contains(document.activeElement)) toggle.current?.focus()
    setOpen(false)
  }, [])
  useClosingOutside(open, wrapper, close)
  const closeOnButton = (event: MouseEvent) => (event.target as Element).closest('button') && close()

  return (
    <div className="more-menu" ref={wrapper}>
      <button
        ref={toggle}
        type="button"
        className="button more-menu-toggle"
        aria-expanded={open}
        aria-controls={id}
        aria-label={name}
        title={name}
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      <div id={id} className="more-menu-items" hidden={!open} onClick={closeOnButton}>
        {children}
      </div>
    </div>
  )
}
