import { useTranslation } from 'react-i18next'
import type { SearchHit } from '../../../main/api/contract'
import { splitHighlights } from '../library-view'
import { articleHref } from '../routes'

export function SearchResults({ query, hits }: { query: string; hits: SearchHit[] | null }) {
  const { t } = useTranslation()
  if (hits === null) return <p className="muted">{t('library.searching')}</p>
  if (hits.length === 0) return <p className="empty-state">{t('library.noResults', { query })}</p>
  return (
    <ul className="search-results" aria-label={t('library.resultsLabel', { query })}>
      {hits.map((hit) => (
        <li key={hit.id} data-testid="search-hit">
          <a href={articleHref(hit.id)}>
            <span className="article-title">{hit.title}</span>
            <span className="snippet">
              {splitHighlights(hit.snippet.text, hit.snippet.highlights).map((part, i) =>
                part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
              )}
            </span>
          </a>
        </li>
      ))}
    </ul>
  )
}
