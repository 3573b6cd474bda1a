import { withPlainSpaces } from '../spaces'
import type { LanguagePair, TranslatedSentence, TranslationEngine } from './engine'
import { prepareSentences, type SourceTerm } from './protection/prepare'
import { markSpans, writeSpans } from './protection/spans'
import { finishTarget } from './protection/typography'

export type SentenceTranslation = Omit<TranslatedSentence, 'index'>

export interface PipelineOptions {
  glossary?: SourceTerm[]
  signal?: AbortSignal
}

/**
 * Translates sentences through any engine with the same care before and after: names, numbers, dates and glossary
 * terms protected (kept out of the engine's reach where it can, written in their target form where it cannot), then
 * the target's typography. Sentence i of the result is the translation of sentence i.
 */
export async function* translateSentences(
  engine: TranslationEngine,
  sentences: string[],
  pair: LanguagePair,
  { glossary = [], signal }: PipelineOptions = {},
): AsyncIterable<TranslatedSentence> {
  const prepared = prepareSentences(sentences.map(withPlainSpaces), pair, glossary)
  const inputs = prepared.map(({ source, spans }) => (engine.keepsMarkedSpans ? markSpans(source, spans) : writeSpans(source, spans)))
  for await (const translated of engine.translate(inputs, pair, signal)) {
    const alternative = translated.alternative && {
      ...translated.alternative,
      target: finishTarget(translated.alternative.target, pair.to),
    }
    yield {
      ...translated,
      target: finishTarget(translated.target, pair.to),
      ...(alternative ? { alternative } : {}),
    }
  }
}

/** All of `translateSentences`, in order. */
export async function translateAll(
  engine: TranslationEngine,
  sentences: string[],
  pair: LanguagePair,
  options: PipelineOptions = {},
): Promise<SentenceTranslation[]> {
  const results: SentenceTranslation[] = new Array(sentences.length)
  for await (const { index, ...translation } of translateSentences(engine, sentences, pair, options)) results[index] = translation
  return results
}
