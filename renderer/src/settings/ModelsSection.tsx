import { useTranslation } from 'react-i18next'

import { SettingsSection } from './fields'
import { InstalledModels } from './InstalledModels'
import { ModelCatalogue } from './ModelCatalogue'
import { ModelImport } from './ModelImport'
import type { ModelsState } from './useModels'

export function ModelsSection({ models }: { models: ModelsState }) {
  const { t } = useTranslation()
  return (
    <SettingsSection id="models" title={t('settings.models.heading')} intro={t('settings.models.intro')}>
      <InstalledModels models={models} />
      <ModelCatalogue models={models} />
      <ModelImport />
    </SettingsSection>
  )
}
