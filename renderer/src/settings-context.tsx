import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { applySettingsPatch, defaultSettings, type Settings, type SettingsPatch } from '../../main/api/settings'
import { useClient } from './api/context'
import { uiLanguageFor } from './i18n'

interface SettingsContextValue {
  settings: Settings
  update: (patch: SettingsPatch) => Promise<void>
}

const SettingsContext = createContext<SettingsContextValue>({ settings: defaultSettings, update: async () => undefined })

/** Loads the settings, keeps them current, and applies theme, reading comfort and UI language to the page. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const client = useClient()
  const { i18n } = useTranslation()
  const [settings, setSettings] = useState<Settings>(defaultSettings)

  useEffect(() => {
    void client.getSettings({}).then(setSettings, () => undefined)
    return client.onEvent((event) => {
      if (event.type === 'settings.changed') setSettings(event.settings)
    })
  }, [client])

  useEffect(() => applyToPage(settings), [settings])
  useEffect(() => {
    const language = uiLanguageFor(settings.uiLanguage, navigator.languages)
    if (i18n.language !== language) void i18n.changeLanguage(language)
    document.documentElement.lang = language
  }, [settings.uiLanguage, i18n])

  // Applied at once, so a second change made before the core answers builds on the first; the core's answer wins,
  // and a refused change is undone.
  const update = useCallback(
    async (patch: SettingsPatch) => {
      setSettings((current) => applySettingsPatch(current, patch))
      try {
        setSettings(await client.updateSettings({ patch }))
      } catch (error) {
        setSettings(await client.getSettings({}))
        throw error
      }
    },
    [client],
  )

  return <SettingsContext.Provider value={{ settings, update }}>{children}</SettingsContext.Provider>
}

export function useSettings(): SettingsContextValue {
  return useContext(SettingsContext)
}

function applyToPage({ theme, reading }: Settings): void {
  const root = document.documentElement
  root.dataset.theme = theme
  root.style.setProperty('--reading-size', `${reading.fontSize}px`)
  root.style.setProperty('--reading-line-height', String(reading.lineHeight))
  root.style.setProperty('--column-width', `${reading.columnWidth}ch`)
  root.dataset.readingFont = reading.fontFamily
}
