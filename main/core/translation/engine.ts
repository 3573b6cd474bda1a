/**
 * What every translation engine offers the core. Engines translate sentences, not paragraphs: sentence i of the
 * input maps to result i, which is what lets the reader link a sentence to its translation.
 */

import type { EngineId, EngineStatus, LanguagePair, RouteReason } from '../../api/shapes'

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
  /** How the engine got there, for engines with more than one way ("fr-es-en"), and why that way. */
  route?: string
  routeReason?: RouteReason
  /** Source words the engine could not translate (left as they were). */
  unknownWords?: string[]
  /** Another way's translation, where it says something else. */
  alternative?: { route: string; target: string }
}

export interface TranslationEngine {
  readonly id: EngineId
  /**
   * True when the engine keeps protected spans (marked inline, see protection/spans.ts) out of translation and puts
   * their replacement in place; other engines are given the replacements written into the text.
   */
  readonly keepsMarkedSpans?: boolean
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
  /** Starts what translating the pair needs (processes, models), so the first article opens quickly; optional. */
  warm?(pair: LanguagePair): Promise<void>
  /** Stops background processes or workers. */
  close(): Promise<void>
}
