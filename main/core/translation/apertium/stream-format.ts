/**
 * Apertium's stream format: text with `^…$` lexical units and `[…]` superblanks that pass through every stage
 * untouched. We send several sentences in one request, separated by numbered superblanks, and cut the answer there.
 *
 * Protected spans (see ../protection/spans.ts) travel as placeholder words that no dictionary knows ("Zqxb"):
 * Apertium passes an unknown word through in its place in the sentence, where a superblank would be moved about
 * by the transfer rules. The placeholder is replaced by the span's text in the answer.
 */
import { MARKED_SPAN, markedReplacements } from '../protection/spans'

const SPECIAL = /[\\[\]^$@/<>{}~]/g

export function escapeForApertium(text: string): string {
  return text.replace(SPECIAL, (char) => `\\${char}`)
}

export function unescapeFromApertium(text: string): string {
  return text.replace(/\\(.)/g, '$1')
}

const separator = (index: number) => `[][s${index}]`
const placeholder = (index: number) => `Zqx${index.toString(26).replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)))}`
const PLACEHOLDER = /[*#@]*(Zqx[a-z]+)/g

/** One request: the sentences (protected spans as placeholders), each followed by its numbered superblank. */
export function joinSentences(markedSentences: string[]): string {
  return markedSentences.map((sentence, i) => withPlaceholders(sentence) + separator(i)).join(' ') + '[]'
}

function withPlaceholders(marked: string): string {
  const parts = marked.split(new RegExp(MARKED_SPAN))
  return parts.map((part, i) => escapeForApertium(part) + (i < parts.length - 1 ? placeholder(i) : '')).join('')
}

/** Cuts an answer back into one raw translation per sentence (marks kept); throws when a separator went missing. */
export function splitTranslations(output: string, count: number): string[] {
  const translations: string[] = []
  let rest = output
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf(separator(i))
    if (at < 0) throw new Error(`Apertium's answer lost the boundary after sentence ${i + 1} of ${count}.`)
    translations.push(rest.slice(0, at))
    rest = rest.slice(at + separator(i).length)
  }
  return translations
}

/**
 * Puts each protected span's text where its placeholder came out; null when a placeholder went missing or came out
 * twice, so the caller can translate the sentence another way.
 */
export function restorePlaceholders(raw: string, markedSource: string): string | null {
  const replacements = markedReplacements(markedSource)
  const seen = new Set<number>()
  const restored = raw.replace(PLACEHOLDER, (whole, name: string) => {
    const index = replacements.findIndex((_text, i) => placeholder(i) === name)
    if (index < 0 || seen.has(index)) return whole
    seen.add(index)
    return `[${escapeForApertium(replacements[index]!)}]`
  })
  return seen.size === replacements.length ? restored : null
}

/** The words Apertium marked as not translated (`*` unknown, `#` not generated, `@` not in the bilingual dictionary). */
export function markedWords(raw: string): string[] {
  return [...raw.matchAll(MARKED_WORD)].map((match) => unescapeFromApertium(match[1]!))
}

/** Each marked word for which `replacement` has a text, replaced by it (escaped, so it stays as it is). */
export function replaceMarkedWords(raw: string, replacement: (word: string) => string | undefined): string {
  return raw.replace(MARKED_WORD, (whole, word: string) => {
    const text = replacement(unescapeFromApertium(word))
    return text === undefined ? whole : escapeForApertium(text)
  })
}

const MARKED_WORD = /(?<=^|[\s\p{P}])(?<!\\)[*#@]+((?:\\.|[\p{L}\p{N}\p{M}'’-])+)/gu

/** Drops the marks but keeps the words, and unwraps superblanks (protected text). */
export function cleanTranslation(text: string): string {
  const unwrapped = text.replace(/(?<!\\)\[((?:\\.|[^\]\\])*)\]/g, '$1')
  // Marks are bare; an escaped `\@` or `\*` is the source's own character.
  return unescapeFromApertium(unwrapped.replace(/(?<=^|[\s\p{P}])(?<!\\)[*#@]+(?=[\p{L}\p{N}])/gu, ''))
    .replace(/\s+/g, ' ')
    .trim()
}
