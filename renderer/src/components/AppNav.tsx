import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'

import { glossaryHref, libraryHref, notesHref, parseRoute, settingsHref } from '../routes'

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const PLACES = [
  ['library', libraryHref],
  ['notes', notesHref],
  ['glossary', glossaryHref],
  ['settings', settingsHref],
] as const

/** The app's places, the current one marked for assistive technology as well as by sight. */
export function AppNav() {
  const { t } = useTranslation()
  const screen = useSyncExternalStore(subscribe, () => parseRoute(window.location.hash).screen)
  const current = (which: string) => (screen === which ? ('page' as const) : undefined)
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {PLACES.map(([screen, href]) => (
        <a key={screen} href={href} aria-current={current(screen)}>
          {t(`nav.${screen}`)}
        </a>
      ))}
    </nav>
  )
}
