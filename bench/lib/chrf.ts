/**
 * chrF++ (Popović 2017) as sacrebleu computes it at corpus level: character n-grams 1–6 with whitespace removed and
 * word n-grams 1–2 (a word's leading or trailing punctuation split off), matches and counts summed over all segments
 * per order, precision and recall averaged over the orders both sides have, then F with β = 2.
 */

const CHAR_ORDER = 6
const WORD_ORDER = 2
const BETA = 2
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')

/** Per order: n-grams in the hypothesis, in the reference, and matched (clipped counts). */
type Statistics = { hyp: number; ref: number; match: number }[]

export function corpusChrfPlusPlus(hypotheses: string[], references: string[]): number {
  if (hypotheses.length !== references.length) throw new Error('chrF++ needs one hypothesis per reference.')
  const totals: Statistics = Array.from({ length: CHAR_ORDER + WORD_ORDER }, () => ({ hyp: 0, ref: 0, match: 0 }))
  hypotheses.forEach((hypothesis, i) => {
    segmentStatistics(hypothesis, references[i]!).forEach((order, n) => {
      totals[n]!.hyp += order.hyp
      totals[n]!.ref += order.ref
      totals[n]!.match += order.match
    })
  })
  return fScore(totals)
}

function segmentStatistics(hypothesis: string, reference: string): Statistics {
  const statistics: Statistics = []
  const [hypChars, refChars] = [hypothesis, reference].map((text) => text.replace(/\s+/g, ''))
  for (let n = 1; n <= CHAR_ORDER; n++) statistics.push(compare(charNgrams(hypChars!, n), charNgrams(refChars!, n)))
  const [hypWords, refWords] = [hypothesis, reference].map(words)
  for (let n = 1; n <= WORD_ORDER; n++) statistics.push(compare(wordNgrams(hypWords!, n), wordNgrams(refWords!, n)))
  return statistics
}

function charNgrams(text: string, n: number): Map<string, number> {
  const chars = [...text]
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= chars.length; i++) increment(counts, chars.slice(i, i + n).join(''))
  return counts
}

function wordNgrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) increment(counts, tokens.slice(i, i + n).join(' '))
  return counts
}

/** sacrebleu's tokenisation for chrF++: one punctuation mark split off the end of a word, or else off its start. */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => {
      if (word.length === 1) return [word]
      if (PUNCTUATION.has(word.at(-1)!)) return [word.slice(0, -1), word.at(-1)!]
      if (PUNCTUATION.has(word[0]!)) return [word[0]!, word.slice(1)]
      return [word]
    })
}

function compare(hyp: Map<string, number>, ref: Map<string, number>) {
  let match = 0
  for (const [gram, count] of hyp) match += Math.min(count, ref.get(gram) ?? 0)
  return { hyp: sum(hyp), ref: sum(ref), match }
}

function fScore(statistics: Statistics): number {
  let precision = 0
  let recall = 0
  let orders = 0
  for (const { hyp, ref, match } of statistics) {
    if (hyp === 0 || ref === 0) continue
    precision += match / hyp
    recall += match / ref
    orders++
  }
  if (orders === 0) return 0
  precision /= orders
  recall /= orders
  if (precision + recall === 0) return 0
  const factor = BETA ** 2
  return (100 * (1 + factor) * precision * recall) / (factor * precision + recall)
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0)
const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
