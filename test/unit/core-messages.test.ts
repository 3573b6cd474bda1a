import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import i18next from 'i18next'
import { describe, expect, it } from 'vitest'

import type { EngineStatus } from '../../main/api/contract'
import { type MessageCode, messageCodes } from '../../main/api/messages'
import { createApertiumEngine } from '../../main/core/translation/apertium/apertium-engine'
import { createBergamotEngine } from '../../main/core/translation/bergamot/bergamot-engine'
import { createLibreTranslateEngine } from '../../main/core/translation/libretranslate/libretranslate-engine'
import { wordCoreMessage } from '../../renderer/src/i18n/core-messages'
import en from '../../renderer/src/i18n/locales/en.json'
import fr from '../../renderer/src/i18n/locales/fr.json'
import zhCN from '../../renderer/src/i18n/locales/zh-CN.json'
import { languageInSentence } from '../../renderer/src/settings/format'

/** Example parameters for every code, as the core sends them. */
const PARAMS: Record<MessageCode, Record<string, string>> = {
  bergamot_needs_model: {},
  bergamot_missing: {},
  bergamot_no_model_for_pair: { from: 'fr', to: 'en' },
  apertium_not_installed: { command: 'sudo apt-get install apertium' },
  libretranslate_no_address: {},
  libretranslate_bad_address: { address: 'localhost 5000' },
  libretranslate_no_languages: { address: 'http://localhost:5000' },
  libretranslate_unreachable: { address: 'http://localhost:5000' },
  libretranslate_no_pair: { address: 'http://localhost:5000', from: 'fr', to: 'en' },
  no_engine_for_pair: { from: 'fr', to: 'en' },
  engine_cannot_translate_pair: { engine: 'bergamot', from: 'fr', to: 'en' },
  article_already_in_language: { language: 'en' },
  file_from_newer_version: { file: '/home/ana/library/library.json' },
  page_nested_too_deep: { file: 'page.html', depth: '3000', limit: '256' },
  page_too_large: { file: 'page.html', size: '19', limit: '4' },
  page_too_large_to_read: { file: 'page.html' },
  page_too_slow: { file: 'page.html', seconds: '15' },
  private_address: { url: 'http://intranet/page', host: '10.0.0.2' },
}

const resources = { en: { translation: en }, fr: { translation: fr }, 'zh-CN': { translation: zhCN } }
const uiLanguages = ['en', 'fr', 'zh-CN'] as const

const FRENCH = { en: 'French', fr: 'français', 'zh-CN': '法语' }

/** A parameter as the message should say it: a language by its name in the UI language, an engine by its name. */
function said(name: string, value: string, language: string): string {
  if (name === 'engine') return 'Bergamot'
  return ['from', 'to', 'language'].includes(name) ? languageInSentence(value, language) : value
}

async function i18nIn(language: string) {
  const instance = i18next.createInstance()
  await instance.init({ resources, lng: language, fallbackLng: false, interpolation: { escapeValue: false } })
  return instance
}

describe('core messages', () => {
  it.each(uiLanguages)('words every code in %s, every parameter in place and languages by their name', async (language) => {
    const i18n = await i18nIn(language)
    for (const messageCode of messageCodes) {
      const worded = wordCoreMessage(i18n, { messageCode, params: PARAMS[messageCode], message: 'ENGLISH FALLBACK' })
      expect(worded, `${language} ${messageCode}`).not.toMatch(/ENGLISH FALLBACK|\{\{|core\./)
      for (const [name, value] of Object.entries(PARAMS[messageCode]))
        expect(worded, `${language} ${messageCode}`).toContain(said(name, value, language))
    }
    expect(wordCoreMessage(i18n, { messageCode: 'no_engine_for_pair', params: { from: 'fr', to: 'en' }, message: '' })).toContain(
      FRENCH[language],
    )
  })

  it('keeps the English message of a message without a code', async () => {
    expect(wordCoreMessage(await i18nIn('fr'), { message: 'Something else.' })).toBe('Something else.')
  })

  it('gives every state an engine is not ready in a code the UI words', async () => {
    const statuses: EngineStatus[] = await Promise.all([
      createBergamotEngine({ modelsDir: await mkdtemp(join(tmpdir(), 'visavis-no-models-')) }).status(),
      createApertiumEngine({ command: '/nonexistent/apertium' }).status(),
      createLibreTranslateEngine({ baseUrl: '' }).status(),
      createLibreTranslateEngine({ baseUrl: 'not an address' }).status(),
      createLibreTranslateEngine({ baseUrl: 'http://127.0.0.1:9' }).status(),
    ])
    expect(statuses.map((status) => status.state !== 'ready' && status.fix.messageCode)).toEqual([
      'bergamot_needs_model',
      'apertium_not_installed',
      'libretranslate_no_address',
      'libretranslate_bad_address',
      'libretranslate_unreachable',
    ])
  })
})
