/**
 * Splits French prose into sentences, keeping abbreviations, initials, numbers and quotations whole:
 * "…a affirmé M. Xi." is one sentence, where Intl.Segmenter breaks after "M.".
 * The sentences, joined with single spaces, give back the paragraph (whose spaces are already collapsed).
 */

/** Words after which a period never ends a sentence, because a name or number follows (compared lowercased). */
const TITLES = new Set([
  'm',
  'mm',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'dr',
  'pr',
  'me',
  'mgr',
  'st',
  'ste',
  'sts',
  'gal',
  'gén',
  'col',
  'cdt',
  'lt',
  'sgt',
  'cap',
])

/** Abbreviations that end in a period but rarely end a sentence; a lowercase word after them continues it anyway. */
const ABBREVIATIONS = new Set([
  'av',
  'apr',
  'env',
  'cf',
  'p',
  'pp',
  'vol',
  'chap',
  'éd',
  'ed',
  'art',
  'al',
  'réf',
  'ref',
  'fig',
  'hab',
  'min',
  'max',
  'janv',
  'févr',
  'fevr',
  'avr',
  'juil',
  'sept',
  'oct',
  'nov',
  'déc',
  'dec',
  'tél',
  'tel',
  'boul',
  'bd',
  'vs',
  'n°',
  'no',
  'dép',
  'dept',
  'ex',
  'etc',
  'coll',
  'trad',
  'op',
  'cit',
  'ibid',
  'id',
  'sq',
  'suiv',
  'resp',
  'inc',
  'ltd',
  'cie',
  'ets',
])

const CLOSERS = new Set(['»', '"', '”', '’', "'", ')', ']', '›'])
const OPENERS = /^[«"“‘(\[‹—–-]?\s*[\p{Lu}\p{N}¿¡]/u

export function splitSentences(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim()
  if (!text) return []
  const sentences: string[] = []
  const trackGuillemets = count(text, '«') === count(text, '»')
  let quoteDepth = 0
  let start = 0

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (trackGuillemets && char === '«') quoteDepth++
    else if (trackGuillemets && char === '»') quoteDepth = Math.max(0, quoteDepth - 1)
    if (!isTerminator(char)) continue

    let end = i + 1
    // Closing punctuation goes with the sentence, including French spacing before a closing guillemet: "fini. »".
    while (end < text.length && (isTerminator(text[end]!) || CLOSERS.has(text[end]!) || (text[end] === ' ' && text[end + 1] === '»'))) {
      if (text[end] === '»' && trackGuillemets) quoteDepth = Math.max(0, quoteDepth - 1)
      end++
    }
    i = end - 1
    if (text[end] !== ' ') continue
    const rest = text.slice(end + 1)
    if (quoteDepth > 0 || !OPENERS.test(rest) || periodBelongsToWord(text, start, i, rest)) continue

    sentences.push(text.slice(start, end))
    start = end + 1
  }
  if (start < text.length) sentences.push(text.slice(start))
  return sentences
}

function isTerminator(char: string): boolean {
  return char === '.' || char === '!' || char === '?' || char === '…'
}

/** True when the period at `at` closes an abbreviation, a title or an initial rather than the sentence. */
function periodBelongsToWord(text: string, sentenceStart: number, at: number, rest: string): boolean {
  if (text[at] !== '.' || text[at - 1] === '.') return false
  const word = /([\p{L}°.-]+)\.$/u.exec(text.slice(sentenceStart, at + 1))?.[1]
  if (!word) return false
  const lower = word.toLowerCase()
  // A title before a name ("M. Xi"), or an initial ("J. K. Rowling").
  if (TITLES.has(lower) || /^\p{Lu}$/u.test(word)) return true
  const dotted = /^(\p{L}{1,2}\.-?)+\p{L}{1,2}$/u.test(word) // "J.-C.", "U.S."
  return (dotted || ABBREVIATIONS.has(lower)) && !startsLikeNewSentence(rest)
}

/** After "etc." or "av." a capitalised common word (Le, La, Il…) starts a new sentence; a name or number does not. */
function startsLikeNewSentence(rest: string): boolean {
  return /^(Le|La|Les|L'|L’|Il|Ils|Elle|Elles|On|Un|Une|Des|Ce|Cette|Ces|Mais|Et|En|Au|Aux|Dans|Pour|Selon|Nous|Vous|Je)\b/.test(rest)
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}
