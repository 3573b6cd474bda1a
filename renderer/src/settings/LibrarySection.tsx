import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppInfo } from '@shared/shapes'
import { useClient } from '../api/context'
import { FieldError, SettingsSection } from './fields'
import { messageOf } from './format'

/** Where things are kept, and which version this is. */
export function LibrarySection() {
  const { t } = useTranslation()
  const client = useClient()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    client.getAppInfo({}).then(
      (answer) => current && setInfo(answer),
      (e: unknown) => current && setError(messageOf(e)),
    )
    return () => {
      current = false
    }
  }, [client])

  return (
    <SettingsSection id="library" title={t('settings.library.heading')}>
      <FieldError message={error} />
      {!info ? (
        !error && <p className="muted">{t('settings.library.loading')}</p>
      ) : (
        <dl className="settings-facts" data-testid="app-info">
          <dt>{t('settings.library.libraryDir')}</dt>
          <dd>
            <code>{info.libraryDir}</code>
          </dd>
          <dt>{t('settings.library.userDataDir')}</dt>
          <dd>
            <code>{info.userDataDir}</code>
          </dd>
          <dt>{t('settings.library.modelsDir')}</dt>
          <dd>
            <code>{info.modelsDir}</code>
          </dd>
          <dt>{t('settings.library.version')}</dt>
          <dd>{info.version}</dd>
        </dl>
      )}
    </SettingsSection>
  )
}
