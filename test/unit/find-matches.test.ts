import { describe, expect, it } from 'vitest'

import { findMatches } from '../../renderer/src/reader/find-matches'

describe('find in the article', () => {
  it('finds a word whatever its case and accents, as ranges of the text as written', () => {
    const text = 'L’État et l’état de l’Œuvre : une œuvre.'
    const found = (query: string) => findMatches(text, query).map(([start, end]) => text.slice(start, end))
    expect(found('etat')).toEqual(['État', 'état'])
    expect(found('OEUVRE')).toEqual(['Œuvre', 'œuvre'])
    expect(found('  ')).toEqual([])
  })
})
