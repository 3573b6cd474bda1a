import type { SearchHit } from '@shared/shapes'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

import { splitHighlights } from '../library-view'
import { articleHref } from '../routes'

interface SearchResultsProps {
  query: string
  hits: SearchHit[] | null
  /** The hit chosen with the keyboard (j/k) or focused. */
  selectedId: string | null
  /** True once for a hit the keyboard moved to: it takes the focus. */
  takeFocusRequest: (id: string) => boolean
  onSelect: (hit: SearchHit) => void
}

export function SearchResults({ query, hits, ...hitProps }: SearchResultsProps) {
  const { t } = useTranslation()
  if (hits === null) return <p className="muted">{t('library.searching')}</p>
  if (hits.length === 0) return <p className="empty-state">{t('library.noResults', { query })}</p>
  return (
    <ul className="search-results" aria-label={t('library.resultsLabel', { query })}>
      {hits.map((hit) => (
        <SearchResult key={hit.id} hit={hit} {...hitProps} />
      ))}
    </ul>
  )
}

function SearchResult({ hit, selectedId, takeFocusRequest, onSelect }: { hit: SearchHit } & Omit<SearchResultsProps, 'query' | 'hits'>) {
  const link = useRef<HTMLAnchorElement>(null)
  const selected = hit.id === selectedId
  useEffect(() => {
    if (selected && takeFocusRequest(hit.id)) link.current?.focus()
  }, [selected, takeFocusRequest, hit.id])
  return (
    <li data-testid="search-hit" aria-current={selected || undefined}>
      <a ref={link} href={articleHref(hit.id)} onFocus={() => onSelect(hit)}>
        <span className="article-title">{hit.title}</span>
        <span className="snippet">
          {splitHighlights(hit.snippet.text, hit.snippet.highlights).map((part, i) =>
            part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
          )}
        </span>
      </a>
    </li>
  )
}
