import { describe, expect, it } from 'vitest'

import type { ArticleSummary } from '../../main/api/contract'
import { applyFilter, defaultFilter, facetsOf, splitHighlights } from '../../renderer/src/library-view'

const article = (id: string, overrides: Partial<ArticleSummary>): ArticleSummary => ({
  id,
  title: id,
  lang: 'fr',
  publishedAt: null,
  source: null,
  byline: null,
  url: null,
  addedAt: '2026-01-01T00:00:00.000Z',
  wordCount: 100,
  paragraphCount: 3,
  tags: [],
  progress: 0,
  position: null,
  ...overrides,
})

const library = [
  article('a', { title: 'Élection', addedAt: '2026-01-03T00:00:00.000Z', publishedAt: '2020-01-01', wordCount: 50, tags: ['politique'] }),
  article('b', {
    title: 'banque',
    lang: 'en',
    addedAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2024-05-05',
    wordCount: 900,
    progress: 0.5,
  }),
  article('c', { title: 'Culture', addedAt: '2026-01-02T00:00:00.000Z', wordCount: 300, tags: ['culture', 'politique'] }),
]
const ids = (list: ArticleSummary[]) => list.map((a) => a.id)

describe('library view', () => {
  it.each([
    ['added', ['a', 'c', 'b']],
    ['published', ['b', 'a', 'c']],
    ['title', ['b', 'c', 'a']],
    ['length', ['b', 'c', 'a']],
  ] as const)('sorts by %s', (sort, expected) => {
    expect(ids(applyFilter(library, { ...defaultFilter, sort }))).toEqual(expected)
  })

  it('filters by language, tag and unread', () => {
    expect(ids(applyFilter(library, { ...defaultFilter, language: 'en' }))).toEqual(['b'])
    expect(ids(applyFilter(library, { ...defaultFilter, tag: 'politique' }))).toEqual(['a', 'c'])
    expect(ids(applyFilter(library, { ...defaultFilter, unreadOnly: true }))).toEqual(['a', 'c'])
  })

  it('lists the languages and tags present', () => {
    expect(facetsOf(library)).toEqual({ languages: ['en', 'fr'], tags: ['culture', 'politique'] })
  })

  it('splits a snippet into plain and highlighted parts', () => {
    expect(splitHighlights('un concept de développement centré', [[14, 27]])).toEqual([
      { text: 'un concept de ', marked: false },
      { text: 'développement', marked: true },
      { text: ' centré', marked: false },
    ])
  })
})
