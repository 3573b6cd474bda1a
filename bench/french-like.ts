/** Deterministic French-looking text made from syllables and a few real function words; no copied article text. */
export function createTextGenerator(seed = 42) {
  let state = seed
  const random = () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const onsets = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'ch', 'tr', 'pr', 'gr', 'bl', 'cl', '']
  const vowels = ['a', 'e', 'i', 'o', 'u', 'é', 'è', 'ou', 'ai', 'au', 'eu', 'oi', 'an', 'on', 'in', 'ê', 'â']
  const endings = ['', '', 'e', 'es', 'ent', 'ment', 'tion', 'eur', 'ique', 'é', 'er', 'ais', 'ité']
  const functionWords = [
    'le',
    'la',
    'les',
    'de',
    'des',
    'du',
    'et',
    'à',
    'un',
    'une',
    'en',
    'dans',
    'pour',
    'sur',
    'avec',
    'qui',
    'que',
    'a',
    'est',
  ]
  const vocabulary = Array.from({ length: 6000 }, () => {
    const syllables = 1 + Math.floor(random() * 3)
    let word = ''
    for (let i = 0; i < syllables; i++) word += pick(onsets) + pick(vowels)
    return word + pick(endings)
  })

  const word = () => (random() < 0.35 ? pick(functionWords) : pick(vocabulary))
  const words = (count: number) => Array.from({ length: count }, word).join(' ')
  const sentence = () => {
    const text = words(8 + Math.floor(random() * 14))
    return `${text[0]!.toUpperCase()}${text.slice(1)}${random() < 0.1 ? ', a affirmé M. ' + pick(vocabulary) : ''}.`
  }
  const paragraph = () => Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' ')

  // The count is drawn after the title, as it always was: the same seed writes the same articles.
  const article = (index: number, paragraphCount: () => number) => {
    const title = words(5 + Math.floor(random() * 6))
    const date = `2024-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`
    const paragraphs = Array.from({ length: paragraphCount() }, paragraph)
    return `${title[0]!.toUpperCase()}${title.slice(1)} ${index}\n\n${date}\n\n${paragraphs.join('\n\n')}\n`
  }

  return {
    vocabulary,
    random,
    /** A news-length article: 6 to 15 paragraphs. */
    article: (index: number): string => article(index, () => 6 + Math.floor(random() * 10)),
    /** A book-length article of `paragraphCount` paragraphs (about 50 words each). */
    longArticle: (paragraphCount: number): string => article(0, () => paragraphCount),
  }
}
