import { useTranslation } from 'react-i18next'
import { libraryHref } from '../routes'

/** Placeholder until the settings screen lands (same issue); reachable so links to it work. */
export function SettingsScreen() {
  const { t } = useTranslation()
  return (
    <div className="screen settings-screen">
      <a className="button button-quiet" href={libraryHref}>
        ← {t('reader.back')}
      </a>
    </div>
  )
}
