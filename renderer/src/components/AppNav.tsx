import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'

import { glossaryHref, libraryHref, notesHref, parseRoute, settingsHref } from '../routes'

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The app's places, the current one marked for assistive technology as well as by sight. */
export function AppNav() {
  const { t } = useTranslation()
  const screen = useSyncExternalStore(subscribe, () => parseRoute(window.location.hash).screen)
  const current = (which: string) => (screen === which ? ('page' as const) : undefined)
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <a href={libraryHref} aria-current={current('library')}>
        {t('nav.library')}
      </a>
      <a href={notesHref} aria-current={current('notes')}>
        {t('nav.notes')}
      </a>
      <a href={glossaryHref} aria-current={current('glossary')}>
        {t('nav.glossary')}
      </a>
      <a href={settingsHref} aria-current={current('settings')}>
        {t('nav.settings')}
      </a>
    </nav>
  )
}
