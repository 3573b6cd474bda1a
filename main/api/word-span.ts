const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char)

/**
 * `[start, end)` narrowed to its first letter or digit and the end of its last one: punctuation and dashes around
 * words may lie outside a mark that covers them. Empty (start = end) when it holds no word.
 */
export function wordSpan(text: string, start = 0, end = text.length): [number, number] {
  while (start < end && !isWordChar(text[start])) start++
  while (end > start && !isWordChar(text[end - 1])) end--
  return [start, end]
}
