import type { TranslationEngine } from '../engine'
import { createLibreTranslateEngine } from './libretranslate-engine'

export interface LibreTranslateConfig {
  url: string
  apiKey: string
}

/** The LibreTranslate engine for whatever server the settings name at the moment of each call. */
export function createConfiguredLibreTranslateEngine(config: () => LibreTranslateConfig): TranslationEngine {
  let current: { key: string; engine: TranslationEngine } | null = null
  const engine = (): TranslationEngine => {
    const { url, apiKey } = config()
    const key = `${url}\n${apiKey}`
    if (current?.key !== key) {
      void current?.engine.close()
      current = { key, engine: createLibreTranslateEngine({ baseUrl: url, apiKey: apiKey || undefined }) }
    }
    return current.engine
  }
  return {
    id: 'libretranslate',
    status: () => engine().status(),
    pairs: () => engine().pairs(),
    identity: (pair) => engine().identity(pair),
    translate: (sentences, pair, signal) => engine().translate(sentences, pair, signal),
    close: async () => current?.engine.close(),
  }
}
