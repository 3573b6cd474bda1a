import type { ArticleSummary } from '@shared/shapes'

export interface LibraryFilter {
  sort: SortKey
  /** '' for every language. */
  language: string
  /** '' for every tag. */
  tag: string
  unreadOnly: boolean
}

export const defaultFilter: LibraryFilter = { sort: 'added', language: '', tag: '', unreadOnly: false }

/** The orders the list can be in, as the sort menu offers them. */
export const sortKeys = ['added', 'published', 'title', 'length'] as const
export type SortKey = (typeof sortKeys)[number]

const comparators: Record<SortKey, (a: ArticleSummary, b: ArticleSummary) => number> = {
  added: (a, b) => b.addedAt.localeCompare(a.addedAt),
  published: (a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
  title: (a, b) => a.title.localeCompare(b.title, 'fr', { sensitivity: 'base' }),
  length: (a, b) => b.wordCount - a.wordCount,
}

/** The articles the list shows for a filter, in its order. */
export function applyFilter(articles: ArticleSummary[], filter: LibraryFilter): ArticleSummary[] {
  return articles
    .filter(
      (article) =>
        (!filter.language || article.lang === filter.language) &&
        (!filter.tag || article.tags.includes(filter.tag)) &&
        (!filter.unreadOnly || article.progress === 0),
    )
    .sort(comparators[filter.sort])
}

/** The languages and tags present in the library, for the filter menus. */
export function facetsOf(articles: ArticleSummary[]): { languages: string[]; tags: string[] } {
  const languages = new Set(articles.map((article) => article.lang))
  const tags = new Set(articles.flatMap((article) => article.tags))
  return { languages: [...languages].sort(), tags: [...tags].sort((a, b) => a.localeCompare(b, 'fr')) }
}

/** Cuts a text into plain and highlighted parts from `[start, end)` ranges. */
export function splitHighlights(text: string, highlights: [number, number][]): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = []
  let at = 0
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue
    if (start > at) parts.push({ text: text.slice(at, start), marked: false })
    parts.push({ text: text.slice(start, end), marked: true })
    at = end
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false })
  return parts
}
