import { collapseSpaces, withPlainSpaces } from '../spaces'

/**
 * Splits French prose into sentences, keeping abbreviations, initials, list numbers and short quotations whole:
 * "…a affirmé M. Xi." is one sentence, where Intl.Segmenter breaks after "M.".
 * The sentences, joined with single spaces, give back the paragraph (whose spaces are already collapsed).
 */

/** Titles before a name, after which a period never ends a sentence (compared as written: "m." after a number is a metre). */
const TITLES = new Set('M MM Mme Mmes Mlle Mlles Dr Pr Me Mgr St Ste Sts Gal Gén Cdt Lt Sgt'.split(' '))

/**
 * Abbreviations that are not French words: a period after them ends the sentence only if a common sentence opener
 * follows ("etc. Le reste…"). Compared lowercased, but never in capitals: "BD." is a comic book, "bd." a boulevard.
 */
const ABBREVIATIONS = new Set([
  'av',
  'apr',
  'cf',
  'éd',
  'al',
  'réf',
  'ref',
  'hab',
  'tél',
  'boul',
  'bd',
  'vs',
  'dép',
  'dept',
  'etc',
  'coll',
  'trad',
  'cit',
  'ibid',
  'sq',
  'suiv',
  'resp',
  'inc',
  'ltd',
  'cie',
  'ets',
])

/**
 * Abbreviations that are also everyday words or units ("son vol.", "ils étaient sept.", "au max."): one only before a
 * number or a roman numeral ("vol. 2", "art. 12", "p. 45", "3 sept. 2019"). Compared lowercased.
 */
const ABBREVIATIONS_BEFORE_NUMBERS = new Set([
  'p',
  'pp',
  'vol',
  'art',
  'chap',
  'fig',
  'no',
  'n°',
  'ex',
  'op',
  'env',
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
])

/** Capitalised words that open sentences (pronouns, determiners, conjunctions, adverbs…), hence never a name. */
const SENTENCE_OPENERS = new Set(
  (
    'Le La Les Un Une Des Du De Ce Cet Cette Ces Son Sa Ses Leur Leurs Mon Ma Mes Notre Nos Votre Vos Chaque ' +
    'Il Ils Elle Elles On Je Tu Nous Vous Cela Ceci Ça Celui Celle Ceux Personne Rien Aucun Aucune Tout Tous Toute ' +
    'Toutes Plusieurs Certains Certaines Quelques Deux Trois Quatre Cinq Six Sept Huit Neuf Dix Cent Mille ' +
    'Mais Et Ou Ni Or Donc Car Puis Ensuite Alors Ainsi Enfin Pourtant Cependant Toutefois Néanmoins Certes Bref ' +
    'Si Quand Lorsque Comme Pourquoi Comment Où Qui Que Quoi Quel Quelle Quels Quelles Oui Non ' +
    'En Au Aux Dans Pour Par Sur Sous Avec Sans Selon Chez Entre Contre Vers Depuis Pendant Après Avant À Dès ' +
    'Aujourd’hui Hier Demain Désormais Parfois Souvent Jamais Encore Aussi Déjà Ici Là Voici Voilà Même Plus Moins'
  ).split(' '),
)
const ELIDED_OPENER = /^(?:[CDJLMNST]|Qu|Lorsqu|Puisqu|Jusqu)['’]/

/** A quotation no longer than this many words reads as one unit with the incise after it ("…», a déclaré le ministre."). */
const SHORT_QUOTATION_WORDS = 12

const QUOTE_PAIRS: ReadonlyArray<[string, string]> = [
  ['«', '»'],
  ['“', '”'],
  ['"', '"'],
]
const CLOSERS = new Set(['»', '"', '”', '’', "'", ')', ']', '›'])
const OPENERS = /^[«"“‘([‹—–-]?\s*[\p{Lu}\p{N}¿¡]/u

interface Quotation {
  open: number
  close: number
}

/**
 * A paragraph's sentences, which joined with single spaces give its text back. No-break spaces stay in them; the
 * rules read them as spaces, and a sentence never ends at one.
 */
export function splitSentences(paragraph: string): string[] {
  const written = collapseSpaces(paragraph).trim()
  const text = withPlainSpaces(written)
  if (!text) return []
  const uncuttable = findQuotations(text).filter((quotation) => !mayCutInside(text, quotation))
  const sentences: string[] = []
  let start = 0

  for (let i = 0; i < text.length; i++) {
    if (!isTerminator(text[i]!)) continue
    const end = endOfClosingPunctuation(text, i + 1)
    i = end - 1
    if (written[end] !== ' ') continue
    const rest = text.slice(end + 1)
    if (!OPENERS.test(rest) || periodBelongsToWord(text, start, i, rest)) continue
    if (uncuttable.some((quotation) => quotation.open < end && end < quotation.close)) continue

    sentences.push(written.slice(start, end))
    start = end + 1
  }
  if (start < text.length) sentences.push(written.slice(start))
  return sentences
}

function isTerminator(char: string): boolean {
  return char === '.' || char === '!' || char === '?' || char === '…'
}

/** Closing punctuation goes with the sentence, including French spacing before a closing guillemet: "fini. »". */
function endOfClosingPunctuation(text: string, from: number): number {
  let end = from
  while (end < text.length && (isTerminator(text[end]!) || CLOSERS.has(text[end]!) || (text[end] === ' ' && text[end + 1] === '»'))) end++
  return end
}

/** The paired quotations of the paragraph; a mark left unpaired (a quotation running over paragraphs) pairs with nothing. */
function findQuotations(text: string): Quotation[] {
  return QUOTE_PAIRS.flatMap(([opening, closing]) => (opening === closing ? pairInTurn(text, opening) : pairNested(text, opening, closing)))
}

function pairNested(text: string, opening: string, closing: string): Quotation[] {
  if (count(text, opening) !== count(text, closing)) return []
  const quotations: Quotation[] = []
  const opened: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (text[i] === opening) opened.push(i)
    else if (text[i] === closing && opened.length) quotations.push({ open: opened.pop()!, close: i })
  }
  return quotations
}

function pairInTurn(text: string, mark: string): Quotation[] {
  const positions = [...text.matchAll(new RegExp(mark, 'g'))].map((match) => match.index)
  if (positions.length % 2) return []
  const quotations: Quotation[] = []
  for (let i = 0; i < positions.length; i += 2) quotations.push({ open: positions[i]!, close: positions[i + 1]! })
  return quotations
}

/**
 * Sentences inside a quotation are cut apart when the quotation ends its sentence ("Il a dit : « Nous partons. Rien ne
 * change. » Puis…") or is long; a short one that its sentence goes on after ("« Oui. Allons-y », a-t-il dit.") stays whole.
 */
function mayCutInside(text: string, quotation: Quotation): boolean {
  const after = text.slice(quotation.close + 1)
  const sentenceGoesOn = /^\s?[,;:)\p{Ll}–—-]/u.test(after)
  return !sentenceGoesOn || wordCount(text.slice(quotation.open + 1, quotation.close)) > SHORT_QUOTATION_WORDS
}

/** True when the period at `at` closes an abbreviation, a title, an initial or a list number rather than the sentence. */
function periodBelongsToWord(text: string, sentenceStart: number, at: number, rest: string): boolean {
  if (text[at] !== '.' || text[at - 1] === '.') return false
  const before = text.slice(sentenceStart, at)
  if (isListNumber(before)) return true
  const word = /([\p{L}°.-]+)$/u.exec(before)?.[1]
  if (!word) return false
  const lower = word.toLowerCase()
  if (TITLES.has(word)) return true
  if (/^\p{Lu}$/u.test(word)) return isInitial(rest)
  const dotted = /^(\p{L}{1,2}\.-?)+\p{L}{1,2}$/u.test(word) // "J.-C.", "U.S."
  const abbreviation = ABBREVIATIONS.has(lower) && word !== word.toUpperCase()
  if (dotted || abbreviation || /\b(?:par|p\.) ex$/i.test(before)) return !startsLikeNewSentence(rest)
  return ABBREVIATIONS_BEFORE_NUMBERS.has(lower) && startsWithNumber(rest)
}

/** "1. Réduire les coûts." — a small number opening the sentence, or after a colon, numbers an item. */
function isListNumber(sentenceSoFar: string): boolean {
  return /(?:^|[:;] )[«"“(]?\d{1,2}$/.test(sentenceSoFar)
}

/** A capital letter with a period is an initial before a name or another initial ("J. K. Rowling"), or a legal article
 * number ("article L. 121-1"); before a common opener ("plan B. Personne…") it ends the sentence. */
function isInitial(rest: string): boolean {
  return startsWithNumber(rest) || (/^\p{Lu}/u.test(rest) && !startsLikeNewSentence(rest))
}

function startsWithNumber(rest: string): boolean {
  return /^(?:\d|[IVXLC]+(?=[ ,.;:)]|$))/.test(rest)
}

/** After "etc." or an initial, a capitalised common word (Le, Il, Personne…) starts a new sentence; a name does not. */
function startsLikeNewSentence(rest: string): boolean {
  const firstWord = /^[\p{L}’']+/u.exec(rest)?.[0] ?? ''
  return SENTENCE_OPENERS.has(firstWord.replace(/'/g, '’')) || ELIDED_OPENER.test(rest)
}

function wordCount(text: string): number {
  return text.split(' ').filter((token) => /[\p{L}\p{N}]/u.test(token)).length
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}
