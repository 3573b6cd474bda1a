import type { LanguagePair, TranslationEngine } from '../../main/core/translation/engine'

/**
 * A stand-in engine for testing the translation service's scheduling and caching: it "translates" by tagging
 * each sentence, records every sentence it was asked for, and can be made to fail or to wait.
 */
export function recordingEngine(options: { failOn?: RegExp; delayMs?: number; id?: 'apertium' | 'bergamot' | 'libretranslate' } = {}) {
  const calls: string[][] = []
  const engine: TranslationEngine = {
    id: options.id ?? 'apertium',
    status: async () => ({ state: 'ready' }),
    pairs: async () => [{ from: 'fr', to: 'en' }],
    identity: async (pair: LanguagePair) => ({ engine: options.id ?? 'apertium', model: `test-${pair.from}-${pair.to}`, version: '1' }),
    async *translate(sentences, _pair, signal) {
      calls.push(sentences)
      for (const [index, sentence] of sentences.entries()) {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
        signal?.throwIfAborted()
        if (options.failOn?.test(sentence)) throw new Error(`cannot translate "${sentence}"`)
        yield { index, target: `[en] ${sentence}` }
      }
    },
    close: async () => undefined,
  }
  return { engine, calls }
}
