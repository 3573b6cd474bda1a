import type { CellWords } from '../reader/ReaderGrid'

interface CellMarginProps {
  paragraphId: string
  bookmarked: boolean
  notes: number
  onToggleBookmark: (paragraphId: string) => void
  onShowNotes: (paragraphId: string) => void
  words: Pick<CellWords, 'bookmark' | 'showNotes'>
}

/** A paragraph's margin: its bookmark (a toggle, always shown once set) and, when it has notes, a way to them. */
export function CellMargin({ paragraphId, bookmarked, notes, onToggleBookmark, onShowNotes, words }: CellMarginProps) {
  const number = Number(paragraphId.slice(1))
  const label = words.bookmark(number, bookmarked)
  return (
    <span className="cell-margin">
      <MarginButton
        className="bookmark-toggle"
        label={label}
        icon="M4 1.75h8a.75.75 0 0 1 .75.75v12l-4.75-3-4.75 3v-12A.75.75 0 0 1 4 1.75z"
        pressed={bookmarked}
        testId="bookmark-toggle"
        onClick={() => onToggleBookmark(paragraphId)}
      />
      {notes > 0 && (
        <MarginButton
          className="notes-marker"
          label={words.showNotes(number, notes)}
          icon="M2.5 2.5h11v8h-6l-3.5 3v-3h-1.5z"
          onClick={() => onShowNotes(paragraphId)}
        />
      )}
    </span>
  )
}

interface MarginButtonProps {
  className: string
  label: string
  /** The icon's path, on a 16 × 16 grid. */
  icon: string
  pressed?: boolean
  testId?: string
  onClick: () => void
}

/** An icon button in the margin; a click on it is not a click on the paragraph. */
function MarginButton({ className, label, icon, pressed, testId, onClick }: MarginButtonProps) {
  return (
    <button
      type="button"
      className={`margin-button ${className}`}
      aria-pressed={pressed}
      aria-label={label}
      title={label}
      data-testid={testId}
      onClick={(event) => {
        event.stopPropagation()
        onClick()
      }}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path d={icon} />
      </svg>
    </button>
  )
}
