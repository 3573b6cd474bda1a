/**
 * What every translation engine offers the core. Engines translate sentences, not paragraphs: sentence i of the
 * input maps to result i, which is what lets the reader link a sentence to its translation.
 */

import type { EngineId, EngineStatus, LanguagePair } from '../../api/contract'

export type { EngineId, EngineStatus, LanguagePair }

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
