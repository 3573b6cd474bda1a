import type { LanguagePair } from '../engine'
import { knownPlaceSpans, nameSpans, namesSeenMidSentence, titledNameSpans } from './names'
import { englishNumberSpans } from './numbers-en'
import { firstNonOverlapping, type ProtectedSpan } from './spans'

/** A reader's correction: this source word or phrase is translated so. */
export interface SourceTerm {
  source: string
  target: string
}

export interface PreparedSentence {
  source: string
  spans: ProtectedSpan[]
  /** The glossary terms found in this sentence: part of its cache key. */
  terms: SourceTerm[]
}

/**
 * Finds what each sentence must keep through translation, by priority: the reader's glossary, then (from French)
 * titled names, known places and institutions, numbers and dates in the target's form, and runs of capitalised words.
 */
export function prepareSentences(sentences: string[], pair: LanguagePair, glossary: SourceTerm[] = []): PreparedSentence[] {
  const known = pair.from === 'fr' ? namesSeenMidSentence(sentences) : new Set<string>()
  return sentences.map((source) => {
    const glossarySpans = termSpans(source, glossary)
    const spans = firstNonOverlapping([...glossarySpans.map(({ span }) => span), ...frenchSpans(source, pair.to, known, pair.from)])
    return { source, spans, terms: glossarySpans.filter(({ span }) => spans.includes(span)).map(({ term }) => term) }
  })
}

function frenchSpans(source: string, to: string, known: ReadonlySet<string>, from: string): ProtectedSpan[] {
  if (from !== 'fr') return []
  const english = to === 'en'
  return [
    ...titledNameSpans(source, to),
    ...(english ? knownPlaceSpans(source) : []),
    ...(english ? englishNumberSpans(source) : []),
    ...nameSpans(source, known),
  ]
}

/** Whole-word, case-insensitive matches of glossary terms, longest first; at a sentence start the target is capitalised. */
function termSpans(source: string, glossary: SourceTerm[]): { span: ProtectedSpan; term: SourceTerm }[] {
  const folded = source.toLocaleLowerCase('fr')
  const found: { span: ProtectedSpan; term: SourceTerm }[] = []
  for (const term of [...glossary].sort((a, b) => b.source.length - a.source.length)) {
    const needle = term.source.toLocaleLowerCase('fr')
    for (let at = folded.indexOf(needle); at >= 0 && needle; at = folded.indexOf(needle, at + needle.length)) {
      if (!isWordBoundary(folded, at - 1) || !isWordBoundary(folded, at + needle.length)) continue
      const replacement = /^[\s«"“(—–-]*$/.test(source.slice(0, at)) ? capitalise(term.target) : term.target
      found.push({ span: { start: at, end: at + needle.length, replacement, kind: 'glossary' }, term })
    }
  }
  return found
}

function isWordBoundary(text: string, index: number): boolean {
  return index < 0 || index >= text.length || !/[\p{L}\p{N}]/u.test(text[index]!)
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
