import { useTranslation } from 'react-i18next'

import { useEscapeFirst } from '../hooks/useEscapeFirst'
import type { ArticleFind } from './useArticleFind'

/** The find-in-article field: Enter goes to the next match, Shift+Enter to the previous one, Esc closes. */
export function FindBar({ find }: { find: ArticleFind }) {
  const { t } = useTranslation()
  useEscapeFirst(find.open, find.close)
  if (!find.open) return null
  const counted =
    find.query.trim() === ''
      ? ''
      : find.count === 0
        ? t('reader.find.none')
        : t('reader.find.count', { current: find.current + 1, total: find.count })
  return (
    <div className="find-bar" role="search" data-testid="find-bar">
      <input
        ref={find.input}
        type="search"
        autoFocus
        value={find.query}
        aria-label={t('reader.find.label')}
        placeholder={t('reader.find.label')}
        onChange={(event) => find.setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return
          event.preventDefault()
          if (event.shiftKey) find.previous()
          else find.next()
        }}
      />
      <span className="find-count" aria-live="polite">
        {counted}
      </span>
      {(
        [
          ['previous', '↑'],
          ['next', '↓'],
          ['close', '×'],
        ] as const
      ).map(([action, glyph]) => (
        <button
          key={action}
          type="button"
          className="button button-small"
          onClick={find[action]}
          aria-label={t(`reader.find.${action}`)}
          title={t(`reader.find.${action}`)}
        >
          {glyph}
        </button>
      ))}
    </div>
  )
}
