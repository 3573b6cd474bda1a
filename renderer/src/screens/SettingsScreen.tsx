import { useTranslation } from 'react-i18next'

import { AppHeader } from '../components/AppHeader'
import { AppearanceSection } from '../settings/AppearanceSection'
import { LanguageSection } from '../settings/LanguageSection'
import { LibrarySection } from '../settings/LibrarySection'
import { LibreTranslateSection } from '../settings/LibreTranslateSection'
import { ModelsSection } from '../settings/ModelsSection'
import { TranslationSection } from '../settings/TranslationSection'
import { useEngines } from '../settings/useEngines'
import { useModels } from '../settings/useModels'

export function SettingsScreen() {
  const { t } = useTranslation()
  const models = useModels()
  const engines = useEngines(models.revision)
  return (
    <div className="screen settings-screen">
      <AppHeader />
      <main className="settings-main">
        <h1 className="settings-title">{t('settings.title')}</h1>
        <LanguageSection />
        <TranslationSection engines={engines} models={models} />
        <ModelsSection models={models} />
        <LibreTranslateSection engines={engines} />
        <AppearanceSection />
        <LibrarySection />
      </main>
    </div>
  )
}
