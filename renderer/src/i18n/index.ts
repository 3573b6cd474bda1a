import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'

import en from './locales/en.json'
import fr from './locales/fr.json'
import zhCN from './locales/zh-CN.json'

export const uiLanguages = ['en', 'fr', 'zh-CN'] as const
export type UiLanguage = (typeof uiLanguages)[number]

export const resources = { en: { translation: en }, fr: { translation: fr }, 'zh-CN': { translation: zhCN } } as const

/** The UI language for a setting: the one chosen, or for "system" the first of the OS's languages we speak. */
export function uiLanguageFor(setting: string, preferred: readonly string[]): UiLanguage {
  if ((uiLanguages as readonly string[]).includes(setting)) return setting as UiLanguage
  for (const tag of preferred) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('fr')) return 'fr'
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return 'en'
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: uiLanguageFor('system', navigator.languages),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return i18next
}
