import type { Settings } from '@shared/settings-shape'
import { useTranslation } from 'react-i18next'

import { uiLanguages } from '../i18n'
import { FieldError, SelectField, SettingsSection } from './fields'
import { endonym } from './format'
import { useSave } from './useSave'

export function LanguageSection() {
  const { t } = useTranslation()
  const { settings, save, error } = useSave()
  const options = [
    { value: 'system' as const, label: t('settings.language.system') },
    ...uiLanguages.map((code) => ({ value: code, label: endonym(code), lang: code })),
  ]
  return (
    <SettingsSection id="language" title={t('settings.language.heading')}>
      <SelectField<Settings['uiLanguage']>
        id="settings-ui-language"
        label={t('settings.language.label')}
        value={settings.uiLanguage}
        options={options}
        onChange={(uiLanguage) => void save({ uiLanguage })}
        hint={t('settings.language.hint')}
      />
      <FieldError message={error} />
    </SettingsSection>
  )
}
