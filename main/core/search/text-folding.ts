import { foldText } from '../../api/text-folding'

/** Words with their offsets in the original text; apostrophes split elisions ("l'humanité" → "l", "humanité"). */
export function* wordsWithOffsets(text: string): Generator<{ word: string; start: number; end: number }> {
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    yield { word: match[0], start: match.index, end: match.index + match[0].length }
  }
}

const FRENCH_STOP_WORDS = new Set(
  'au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous est sont ete etre avoir a ont'.split(
    ' ',
  ),
)

/**
 * The term a word is indexed and searched under: folded, French stop words and single letters dropped, a final
 * plural "s" taken off, so "développements" and "developpement" meet.
 */
export function searchTerm(word: string): string | null {
  const folded = foldText(word)
  if (folded.length < 2 || FRENCH_STOP_WORDS.has(folded)) return null
  return folded.length > 3 && folded.endsWith('s') && !folded.endsWith('ss') ? folded.slice(0, -1) : folded
}
