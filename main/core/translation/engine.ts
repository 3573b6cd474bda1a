/**
 * What every translation engine offers the core. Engines translate sentences, not paragraphs: sentence i of the
 * input maps to result i, which is what lets the reader link a sentence to its translation.
 */

export type EngineId = 'apertium' | 'bergamot' | 'libretranslate'

/** ISO 639-1 codes ("fr", "en", "es", "ca"). */
export interface LanguagePair {
  from: string
  to: string
}

/** An engine's state, and when it cannot translate, the step a user takes to fix it. */
export type EngineStatus =
  | { state: 'ready' }
  | { state: 'needs_model'; fix: string }
  | { state: 'not_installed'; fix: string }
  | { state: 'unavailable'; fix: string }

/** Everything a translation depends on; part of every cache key, so a new model or version translates afresh. */
export interface EngineIdentity {
  engine: EngineId
  model: string
  version: string
}

export interface TranslatedSentence {
  index: number
  target: string
}

export interface TranslationEngine {
  readonly id: EngineId
  status(): Promise<EngineStatus>
  pairs(): Promise<LanguagePair[]>
  /** Throws an ApiError('engine_unavailable') with the fix when the pair cannot be translated. */
  identity(pair: LanguagePair): Promise<EngineIdentity>
  /**
   * Translates the sentences in order, yielding each (or each batch) as soon as it is done. Stops, throwing an
   * AbortError, when `signal` aborts. Engine failures throw ApiError('engine_unavailable') with a message a user can
   * act on.
   */
  translate(sentences: string[], pair: LanguagePair, signal?: AbortSignal): AsyncIterable<TranslatedSentence>
  /** Stops background processes or workers. */
  close(): Promise<void>
}
