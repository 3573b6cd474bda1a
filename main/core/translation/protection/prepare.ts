import type { LanguagePair } from '../engine'
import { knownPlaceSpans, nameSpans, namesSeenMidSentence, titledNameSpans } from './names'
import { englishNumberSpans } from './numbers-en'
import { atSentenceStart, capitalise, firstNonOverlapping, type ProtectedSpan } from './spans'

/** A reader's correction: this source word or phrase is translated so. */
export interface SourceTerm {
  source: string
  target: string
}

export interface PreparedSentence {
  source: string
  spans: ProtectedSpan[]
}

/**
 * Finds what each sentence must keep through translation, by priority: the reader's glossary, then (from French)
 * titled names, known places and institutions, numbers and dates in the target's form, and runs of capitalised words.
 */
export function prepareSentences(sentences: string[], pair: LanguagePair, glossary: SourceTerm[] = []): PreparedSentence[] {
  const known = pair.from === 'fr' ? namesSeenMidSentence(sentences) : new Set<string>()
  return sentences.map((source) => {
    const glossarySpans = termSpans(source, glossary).map(({ span }) => span)
    return { source, spans: firstNonOverlapping([...glossarySpans, ...frenchSpans(source, pair.to, known, pair.from)]) }
  })
}

/** The glossary terms a sentence's translation applies: with the sentence, what its cached translation depends on. */
export function termsIn(source: string, glossary: SourceTerm[]): SourceTerm[] {
  return termSpans(source, glossary).map(({ term }) => term)
}

function frenchSpans(source: string, to: string, known: ReadonlySet<string>, from: string): ProtectedSpan[] {
  if (from !== 'fr') return []
  const english = to === 'en'
  const names = nameSpans(source, known)
  return [
    ...titledNameSpans(source, to),
    ...(english ? knownPlaceSpans(source).filter((place) => !names.some((name) => extendsBeyond(name, place))) : []),
    ...(english ? englishNumberSpans(source) : []),
    ...names,
  ]
}

/** A name that goes on past a place's end ("Nice Matin" past "Nice") is a name of its own, not the place. */
function extendsBeyond(name: ProtectedSpan, place: ProtectedSpan): boolean {
  return name.start < place.end && name.end > place.end
}

/**
 * Whole-word, case-insensitive matches of glossary terms, longest first and never overlapping, in sentence order;
 * at a sentence start the target is capitalised.
 */
function termSpans(source: string, glossary: SourceTerm[]): { span: ProtectedSpan; term: SourceTerm }[] {
  if (glossary.length === 0) return []
  const folded = source.toLocaleLowerCase('fr')
  const found: { span: ProtectedSpan; term: SourceTerm }[] = []
  for (const term of [...glossary].sort((a, b) => b.source.length - a.source.length)) {
    const needle = term.source.toLocaleLowerCase('fr')
    for (let at = folded.indexOf(needle); at >= 0 && needle; at = folded.indexOf(needle, at + needle.length)) {
      if (!isWordBoundary(folded, at - 1) || !isWordBoundary(folded, at + needle.length)) continue
      const replacement = atSentenceStart(source.slice(0, at)) ? capitalise(term.target) : term.target
      const span: ProtectedSpan = { start: at, end: at + needle.length, replacement, kind: 'glossary' }
      if (found.every(({ span: other }) => span.end <= other.start || span.start >= other.end)) found.push({ span, term })
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start)
}

function isWordBoundary(text: string, index: number): boolean {
  return index < 0 || index >= text.length || !/[\p{L}\p{N}]/u.test(text[index]!)
}
