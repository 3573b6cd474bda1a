import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

import { AppNav } from './AppNav'

/** The bar atop the library, notes and settings screens: the app's name, its places, and the screen's own tools. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <header className="app-header">
      <div className="app-brand">
        <p className="app-name">{t('app.name')}</p>
        <p className="app-tagline">{t('app.tagline')}</p>
      </div>
      <AppNav />
      {children}
    </header>
  )
}
