/**
 * Apertium's stream format: text with `^…$` lexical units and `[…]` superblanks that pass through every stage
 * untouched. We send several sentences in one request, separated by numbered superblanks, and cut the answer there.
 */

const SPECIAL = /[\\[\]^$@/<>{}~]/g

export function escapeForApertium(text: string): string {
  return text.replace(SPECIAL, (char) => `\\${char}`)
}

export function unescapeFromApertium(text: string): string {
  return text.replace(/\\(.)/g, '$1')
}

const separator = (index: number) => `[][s${index}]`

/**
 * One request: the sentences, each followed by its numbered superblank; the final `[]` makes every stage flush.
 * `titles` maps a title before a name ("M.") to the words the translation should show ("Mr"), passed through as a
 * superblank that no stage translates.
 */
export function joinSentences(sentences: string[], titles: Record<string, string> = {}): string {
  return sentences.map((sentence, i) => protectTitles(escapeForApertium(sentence), titles) + separator(i)).join(' ') + '[]'
}

function protectTitles(text: string, titles: Record<string, string>): string {
  return text.replace(/(^|[\s(«"“])(MM\.|M\.|Mmes|Mme\.?|Mlle\.?|Dr\.?) (?=\p{Lu})/gu, (whole, before: string, title: string) =>
    title in titles ? `${before}[${titles[title]} ]` : whole,
  )
}

/** Cuts an answer back into one translation per sentence; throws when a separator went missing. */
export function splitTranslations(output: string, count: number): string[] {
  const translations: string[] = []
  let rest = output
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf(separator(i))
    if (at < 0) throw new Error(`Apertium's answer lost the boundary after sentence ${i + 1} of ${count}.`)
    translations.push(cleanTranslation(rest.slice(0, at)))
    rest = rest.slice(at + separator(i).length)
  }
  return translations
}

/**
 * Drops the marks Apertium puts on words it could not handle (`*` unknown, `#` not generated, `@` not in the
 * bilingual dictionary; doubled through a pivot) but keeps the words, and unwraps superblanks (protected text).
 */
export function cleanTranslation(text: string): string {
  const unwrapped = text.replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]/g, '$1')
  // Marks are bare; an escaped `\@` or `\*` is the source's own character.
  return unescapeFromApertium(unwrapped.replace(/(?<=^|[\s\p{P}])(?<!\\)[*#@]+(?=[\p{L}\p{N}])/gu, ''))
    .replace(/\s+/g, ' ')
    .trim()
}
