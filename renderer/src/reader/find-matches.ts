import { foldText } from '@shared/text-folding'

/**
 * Where a query occurs in a text, ignoring case and accents ("Etat" finds "État", "oeuvre" finds "œuvre"): `[start,
 * end)` ranges of the text as it is, for texts whose folded form differs in length.
 */
export function findMatches(text: string, query: string): [number, number][] {
  const needle = foldText(query.trim())
  // Most paragraphs of a long article do not hold the query: they are folded once, without the origins.
  if (needle === '' || !foldText(text).includes(needle)) return []
  const { folded, origin } = foldWithOrigins(text)
  const matches: [number, number][] = []
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
    matches.push([origin[at]!, origin[at + needle.length - 1]! + 1])
  }
  return matches
}

/** The folded text, and for each of its characters the index of the character of `text` it comes from. */
function foldWithOrigins(text: string): { folded: string; origin: number[] } {
  let folded = ''
  const origin: number[] = []
  for (let i = 0; i < text.length; i++) {
    const piece = foldText(text[i]!)
    folded += piece
    for (let k = 0; k < piece.length; k++) origin.push(i)
  }
  return { folded, origin }
}
