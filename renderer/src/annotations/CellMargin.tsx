import { useTranslation } from 'react-i18next'

interface CellMarginProps {
  paragraphId: string
  bookmarked: boolean
  notes: number
  onToggleBookmark: (paragraphId: string) => void
  onShowNotes: (paragraphId: string) => void
}

/** A paragraph's margin: its bookmark (a toggle, always shown once set) and, when it has notes, a way to them. */
export function CellMargin({ paragraphId, bookmarked, notes, onToggleBookmark, onShowNotes }: CellMarginProps) {
  const { t } = useTranslation()
  const number = Number(paragraphId.slice(1))
  const label = t(bookmarked ? 'notes.removeBookmark' : 'notes.bookmark', { number })
  return (
    <span className="cell-margin">
      <button
        type="button"
        className="margin-button bookmark-toggle"
        aria-pressed={bookmarked}
        aria-label={label}
        title={label}
        data-testid="bookmark-toggle"
        onClick={(event) => {
          event.stopPropagation()
          onToggleBookmark(paragraphId)
        }}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path d="M4 1.75h8a.75.75 0 0 1 .75.75v12l-4.75-3-4.75 3v-12A.75.75 0 0 1 4 1.75z" />
        </svg>
      </button>
      {notes > 0 && (
        <button
          type="button"
          className="margin-button notes-marker"
          aria-label={t('notes.showNotes', { count: notes, number })}
          title={t('notes.showNotes', { count: notes, number })}
          onClick={(event) => {
            event.stopPropagation()
            onShowNotes(paragraphId)
          }}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M2.5 2.5h11v8h-6l-3.5 3v-3h-1.5z" />
          </svg>
        </button>
      )}
    </span>
  )
}
