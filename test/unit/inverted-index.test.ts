import { describe, expect, it } from 'vitest'

import { InvertedIndex } from '../../main/core/search/inverted-index'

const doc = (id: string, title: string, text: string) => ({ id, title, text })

describe('InvertedIndex', () => {
  it('ranks title matches above text matches and more frequent terms higher', () => {
    const index = new InvertedIndex()
    index.add(doc('a', 'La banque centrale', 'Un texte sur autre chose.'))
    index.add(doc('b', 'Autre chose', 'La banque, la banque et encore la banque.'))
    index.add(doc('c', 'Rien', 'Une seule banque ici, au milieu de beaucoup de mots sans rapport avec le sujet.'))
    expect(index.search('banque', 10).documents.map((d) => d.id)).toEqual(['a', 'b', 'c'])
  })

  it('matches prefixes of three letters or more, exact terms first', () => {
    const index = new InvertedIndex()
    index.add(doc('a', 'x', 'La construction avance.'))
    index.add(doc('b', 'y', 'Le constructeur est content. Construire est un art.'))
    index.add(doc('c', 'z', 'Le con est un mot court.'))
    expect(
      index
        .search('construct', 10)
        .documents.map((d) => d.id)
        .sort(),
    ).toEqual(['a', 'b'])
    expect(index.search('co', 10).documents).toEqual([])
  })

  it('keeps scoring right after removals, re-adds and compaction', () => {
    const index = new InvertedIndex()
    index.add(doc('a', 'Titre', 'Le Kazakhstan et la Chine.'))
    index.remove('a')
    expect(index.search('kazakhstan', 10).documents).toEqual([])
    index.add(doc('a', 'Titre', 'Le Kazakhstan et la Chine.'))
    expect(index.search('kazakhstan', 10).documents.map((d) => d.id)).toEqual(['a'])

    for (const id of ['b', 'c', 'd']) index.add(doc(id, id, `Article ${id} sur la Chine.`))
    for (const id of ['b', 'c']) index.remove(id)
    index.compactIfWorthIt()
    const restored = InvertedIndex.from(JSON.parse(JSON.stringify(index.toJSON())))
    expect(
      restored
        .search('chine', 10)
        .documents.map((d) => d.id)
        .sort(),
    ).toEqual(['a', 'd'])
    expect(restored.idsInIndex().sort()).toEqual(['a', 'd'])
  })

  it('stores each term’s postings in some 3 characters apiece, and ranks the same once read back and added to', () => {
    // 300 documents: steps between documents of one and several bytes, frequencies up to 255 and beyond.
    const fill = (index: InvertedIndex) => {
      for (let n = 0; n < 300; n++) {
        const repeats = n % 7 === 0 ? 'fleuve '.repeat(200 + n) : 'fleuve '.repeat(1 + (n % 5))
        index.add(doc(`d${n}`, n % 3 === 0 ? 'Le fleuve' : 'Autre', `${repeats} ${n % 2 === 0 ? 'pont' : 'quai'} rive${n % 11}`))
      }
      return index
    }
    const live = fill(new InvertedIndex()) // never stored: its lists are the postings as added
    const stored = fill(new InvertedIndex()).toJSON()
    const postings = 300 + 150 + 150 + 300 // fleuve, pont, quai, rive…
    expect(Object.values(stored.text).join('').length / postings).toBeLessThan(4)

    const restored = InvertedIndex.from(JSON.parse(JSON.stringify(stored)))
    for (const query of ['fleuve', 'pont quai', 'rive3', 'riv', 'fleuve pont']) {
      expect(restored.search(query, 20)).toEqual(live.search(query, 20))
    }
    restored.add(doc('nouveau', 'Le fleuve', 'fleuve pont'))
    live.add(doc('nouveau', 'Le fleuve', 'fleuve pont'))
    expect(restored.search('fleuve pont', 400)).toEqual(live.search('fleuve pont', 400))
    expect(InvertedIndex.from(JSON.parse(JSON.stringify(restored.toJSON()))).search('fleuve', 5)).toEqual(live.search('fleuve', 5))
  })

  it('needs every query word when some document has them all, else ranks any', () => {
    const index = new InvertedIndex()
    index.add(doc('a', 'x', 'soleil et pluie'))
    index.add(doc('b', 'y', 'soleil seulement'))
    expect(index.search('soleil pluie', 10).documents.map((d) => d.id)).toEqual(['a'])
    expect(
      index
        .search('soleil neige', 10)
        .documents.map((d) => d.id)
        .sort(),
    ).toEqual(['a', 'b'])
  })
})
