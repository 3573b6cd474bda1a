import { applySettingsPatch, defaultSettings, type Settings, type SettingsPatch } from '@shared/settings-shape'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

import { useClient } from './api/context'
import { useCoreData } from './hooks/useCoreData'
import { uiLanguageFor } from './i18n'

interface SettingsContextValue {
  settings: Settings
  update: (patch: SettingsPatch) => Promise<void>
}

/** How many of our confirmed changes are remembered to recognise their late events. */
const CONFIRMED_KEPT = 20

const SettingsContext = createContext<SettingsContextValue>({ settings: defaultSettings, update: async () => undefined })

/** Loads the settings, keeps them current, and applies theme, reading comfort and UI language to the page. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const client = useClient()
  const { i18n } = useTranslation()
  const pending = useRef(0)
  // Applied at once, so a change made before the core answers builds on the one before (and the first reading, if
  // it comes after, is dropped); only the answer to the latest change is applied (earlier answers would undo later
  // changes), and a refused change is undone.
  const latest = useRef(0)
  /** Our own changes as the core confirmed them: their events, which may come after later answers, are echoes. */
  const confirmed = useRef<string[]>([])
  /**
   * Changes are sent one after the other: sent at once, they may reach the core in another order, and the answer to
   * the latest would then lack an earlier change (a slider's delayed commit overtaking a checkbox).
   */
  const sending = useRef<Promise<unknown>>(Promise.resolve())

  // A reading that fails leaves the defaults: the screens that need the core report it.
  const core = useCoreData((reader) => reader.getSettings({}), {
    events: ['settings.changed'],
    // Changes made elsewhere (another window, the CLI); while ours are in flight, their answers decide.
    accepts: (event) => pending.current === 0 && !confirmed.current.includes(JSON.stringify(event.settings)),
    fromEvent: (event) => event.settings,
  })
  const settings = core.data ?? defaultSettings
  const setSettings = core.set

  useEffect(() => applyToPage(settings), [settings])
  useEffect(() => {
    const language = uiLanguageFor(settings.uiLanguage, navigator.languages)
    if (i18n.language !== language) void i18n.changeLanguage(language)
    document.documentElement.lang = language
  }, [settings.uiLanguage, i18n])

  const update = useCallback(
    async (patch: SettingsPatch) => {
      const request = ++latest.current
      // Sent at once when nothing is in flight, so that it reaches the core before what its display asks next.
      const send = () => client.updateSettings({ patch })
      const sent = pending.current === 0 ? send() : sending.current.catch(() => undefined).then(send)
      sending.current = sent
      pending.current++
      setSettings((current) => applySettingsPatch(current ?? defaultSettings, patch))
      try {
        const answer = await sent
        confirmed.current = [...confirmed.current.slice(-(CONFIRMED_KEPT - 1)), JSON.stringify(answer)]
        if (request === latest.current) setSettings(answer)
      } catch (error) {
        if (request === latest.current) setSettings(await client.getSettings({}))
        throw error
      } finally {
        pending.current--
      }
    },
    [client, setSettings],
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
