import type { LanguagePair, RouteReason } from '../../../api/shapes'
import { englishWordWeight } from './english-words'

/**
 * Apertium has no French–English pair; it goes through Catalan or Spanish, and each route fails differently ("les
 * services" → "the kicks" through Catalan, "Chine" → "Chinese" through Spanish). Both run, and each sentence takes
 * the translation that keeps the source's negations, then leaves fewer words untranslated and, between equals,
 * reads more like English.
 */

export interface RouteTranslation {
  /** The route's name: the languages it goes through ("fr-es-en"). */
  route: string
  /** The translation as the reader will see it. */
  target: string
  /** Source words no stage could translate, shown as in the source. */
  unknownWords: string[]
  /** Pivot-language words the last stage did not know, in the source language they were mapped back to. */
  pivotLeftovers: string[]
}

export interface RouteChoice {
  chosen: RouteTranslation
  /** The other route's translation, when it says something else. */
  alternative?: RouteTranslation
  /** Why the chosen route won; none when there was only one. */
  reason?: RouteReason
}

/** A word missed costs as much as a sentence's worth of English-likeness. */
const MISSED_WORD_COST = 1
/** Below this share of shared words, two translations disagree. */
const AGREEMENT = 0.5

export function chooseRoute(candidates: RouteTranslation[], source: string, { from, to }: LanguagePair): RouteChoice {
  const sourceNegations = from === 'fr' && to === 'en' ? frenchNegations(source) : 0
  const scored = candidates.map((candidate) => ({
    candidate,
    lostNegations: Math.max(0, sourceNegations - englishNegations(candidate.target)),
    missed: missedWords(candidate),
    fluency: to === 'en' ? englishLikeness(candidate.target) : 0,
  }))
  const ranked = [...scored].sort((a, b) => a.lostNegations - b.lostNegations || a.missed - b.missed || b.fluency - a.fluency)
  const [best, second] = ranked
  const reason: RouteReason | undefined = !second
    ? undefined
    : best!.lostNegations < second.lostNegations
      ? 'keeps_negation'
      : best!.missed < second.missed
        ? 'fewer_untranslated_words'
        : best!.fluency > second.fluency
          ? 'reads_more_like_english'
          : 'preferred_route'
  const alternative = second && !agree(best!.candidate.target, second.candidate.target) ? second.candidate : undefined
  return { chosen: best!.candidate, alternative, reason }
}

/**
 * A translation that drops a negation says the opposite: spa-eng gives "No habrá bicicletas" as "There will be
 * bicycles". French negations: "ne"/"n'" with the word that completes them ("pas", "plus", "jamais"…), not "ne … que"
 * ("only") nor "n'importe".
 */
function frenchNegations(french: string): number {
  const particles = french.match(/(?<!\p{L})(?:ne(?![\p{L}'’])|n['’](?!importe))/giu) ?? []
  const completions = french.match(/(?<!\p{L})(?:pas|plus|jamais|rien|personne|aucun|aucune|guère|nullement|ni)(?!\p{L})/giu) ?? []
  return Math.min(particles.length, completions.length)
}

function englishNegations(english: string): number {
  return (english.match(/\b(?:not|no|never|nothing|nobody|none|neither|nor|without|cannot)\b|n't\b/gi) ?? []).length
}

function missedWords(candidate: RouteTranslation): number {
  return MISSED_WORD_COST * (candidate.unknownWords.length + candidate.pivotLeftovers.length)
}

/** The mean weight of the lower-case words: common English words weigh most, foreign ones nothing. */
function englishLikeness(text: string): number {
  const words = text.match(/(?<![\p{L}'’])\p{Ll}[\p{L}'’]*/gu) ?? []
  if (words.length === 0) return 0
  return words.reduce((total, word) => total + englishWordWeight(word), 0) / words.length
}

function agree(a: string, b: string): boolean {
  const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
  const [first, second] = [wordsOf(a), wordsOf(b)]
  const shared = [...first].filter((word) => second.has(word)).length
  return (2 * shared) / Math.max(1, first.size + second.size) >= AGREEMENT
}
