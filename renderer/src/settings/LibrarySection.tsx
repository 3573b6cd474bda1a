import { useTranslation } from 'react-i18next'

import { useCoreData } from '../hooks/useCoreData'
import { useCoreMessage } from '../i18n/core-messages'
import { FieldError, SettingsSection } from './fields'

/** Where things are kept, and which version this is. */
export function LibrarySection() {
  const { t } = useTranslation()
  const coreMessage = useCoreMessage()
  const { data: info, error: failure } = useCoreData((client) => client.getAppInfo({}))
  const error = failure && coreMessage(failure)

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
