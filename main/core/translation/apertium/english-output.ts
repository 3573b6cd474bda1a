import { MARKED_SPAN, markedReplacements, unmark } from '../protection/spans'
import { englishWordWeight } from './english-words'

/**
 * What Apertium's English needs after the last stage, whichever route it took: capitals it gave words the source did
 * not have, and an article English does not use.
 */

/** log10 of a SUBTLEX count: an English word seen ten times or more ("is", "wishes"); most names are below it. */
const COMMON_WORD_WEIGHT = 1

/** The translation of `markedSource` (a sentence with its protected spans marked), tidied. */
export function tidyEnglish(target: string, markedSource: string): string {
  const source = unmark(markedSource)
  return nonPrefix(verbsAfterWe(genericNouns(fixCapitals(target, source, leadingReplacement(markedSource)))), source)
}

/** French "non-" before a word is English "non-" too, where Apertium writes "no-" ("le non-cumul" → "the no-cumulus"). */
function nonPrefix(text: string, source: string): string {
  return /(?<!\p{L})non-\p{L}/iu.test(source) ? text.replace(/(?<!\p{L})([Nn])o-(?=\p{L})/gu, '$1on-') : text
}

const PLURAL_OF: Record<string, string> = { has: 'have', is: 'are', was: 'were', does: 'do' }

/**
 * French "on" takes a verb in the third person singular, which Apertium keeps after the "we" it becomes ("we
 * notes", "we has to"): the verb is put in the plural.
 */
function verbsAfterWe(text: string): string {
  return text.replace(/\b([Ww]e) (\p{Ll}+)\b/gu, (whole, we: string, verb: string) => {
    const plural = PLURAL_OF[verb] ?? pluralOfVerb(verb)
    return plural ? `${we} ${plural}` : whole
  })
}

function pluralOfVerb(verb: string): string | undefined {
  if (!verb.endsWith('s') || verb.endsWith('ss')) return undefined
  const stems = /(?:sh|ch|x|z|o)es$/.test(verb) ? [verb.slice(0, -2), verb.slice(0, -1)] : [verb.slice(0, -1)]
  return stems.find((stem) => englishWordWeight(stem) > COMMON_WORD_WEIGHT)
}

/** Nouns English uses without an article in a general sense, where French has one ("l'humanité", "le chômage"). */
const GENERAL_NOUNS =
  'humanity|mankind|peace|security|growth|unemployment|inflation|poverty|immigration|education|health|justice|freedom|democracy|development|innovation|trade|employment|society|investment|investments|cooperation|equality|violence|corruption'

/**
 * French puts an article before a doctrine or a noun in its general sense ("le terrorisme", "la paix"), English none:
 * "the terrorism" → "terrorism", "the peace" → "peace", but "the peace of the brave" keeps it.
 */
function genericNouns(text: string): string {
  return text
    .replace(/\bthe (\w+isms?)\b/g, '$1')
    .replace(new RegExp(`\\bthe (${GENERAL_NOUNS})\\b(?! (?:of|that|which|who|in which|we|it|they)\\b)`, 'g'), '$1')
}

/**
 * Apertium writes some multiword units in capitals ("BECAUSE OF"), and capitalises the word after an unknown word
 * that starts a sentence ("Kazakhstan Is ready"): words the source did not capitalise so are lowered.
 */
function fixCapitals(target: string, source: string, leading: string | null): string {
  const lowered = lowerShoutedWords(target, source)
  return leading === null ? lowered : lowerWordAfter(lowered, leading, source)
}

/** The replacement of a protected span that starts the sentence, if one does. */
function leadingReplacement(markedSource: string): string | null {
  const [leading] = markedSource.match(new RegExp(`^[\\s«"“(—–-]*${MARKED_SPAN}`)) ?? []
  return leading === undefined ? null : markedReplacements(leading)[0]!
}

function lowerWordAfter(target: string, leading: string, source: string): string {
  const at = target.indexOf(leading)
  if (at < 0 || at > 3) return target
  const end = at + leading.length
  return (
    target.slice(0, end) +
    target
      .slice(end)
      .replace(/^(\s+)(\p{Lu}\p{Ll}+)/u, (whole, space: string, word: string) =>
        englishWordWeight(word) > COMMON_WORD_WEIGHT && !source.includes(word) ? space + word.toLowerCase() : whole,
      )
  )
}

/** Apertium writes some multiword units in capitals ("BECAUSE OF"); words the source did not shout are lowered. */
function lowerShoutedWords(target: string, source: string): string {
  const shouted = new Set(source.match(/\b\p{Lu}{2,}\b/gu) ?? [])
  let first = true
  return target.replace(/(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu, (word, offset: number) => {
    if (shouted.has(word) || /\d/.test(word)) return word
    const atStart = first && offset === target.search(/\p{L}/u)
    first = false
    return atStart ? word.charAt(0) + word.slice(1).toLowerCase() : word.toLowerCase()
  })
}
