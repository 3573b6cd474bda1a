import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlacedAnnotation } from '../../../main/api/contract'
import { AnnotationBody, AnnotationHeading } from './AnnotationView'
import { placeOf } from './useAnnotations'

interface AnnotationItemProps {
  annotation: PlacedAnnotation
  sourceLang: string
  onJump: (annotation: PlacedAnnotation) => void
  onSaveNote: (annotation: PlacedAnnotation, note: string) => Promise<void>
  onDelete: (annotation: PlacedAnnotation) => void
}

/** One annotation in the reader's notes panel: go to it, write or change its note, delete it. */
export function AnnotationItem({ annotation: a, sourceLang, onJump, onSaveNote, onDelete }: AnnotationItemProps) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<string | null>(null)

  async function save() {
    if (draft === null) return
    try {
      await onSaveNote(a, draft)
      setDraft(null)
    } catch {
      // The panel shows the error; the draft stays.
    }
  }

  return (
    <li
      className={`annotation-item kind-${a.kind}`}
      data-testid="annotation-item"
      data-paragraph={placeOf(a)}
      data-orphaned={a.orphaned || undefined}
    >
      <AnnotationHeading annotation={a} onPlace={() => onJump(a)} />
      <div className="annotation-click" onClick={() => draft === null && onJump(a)}>
        <AnnotationBody annotation={a} sourceLang={sourceLang} />
      </div>
      {draft !== null ? (
        <form
          className="note-form"
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <textarea
            aria-label={t('notes.noteLabel')}
            placeholder={t('notes.notePlaceholder')}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save()
              if (event.key === 'Escape') setDraft(null)
            }}
            rows={3}
            autoFocus
          />
          <div className="note-form-actions">
            <button type="button" className="button button-small" onClick={() => setDraft(null)}>
              {t('notes.cancel')}
            </button>
            <button type="submit" className="button button-small button-primary" disabled={a.kind === 'note' && !draft.trim()}>
              {t('notes.save')}
            </button>
          </div>
        </form>
      ) : (
        a.note && <p className="annotation-note">{a.note}</p>
      )}
      {draft === null && (
        <div className="annotation-actions">
          <button type="button" className="button-link" onClick={() => setDraft(a.note)}>
            {a.note ? t('notes.editNote') : t('notes.writeNote')}
          </button>
          <button type="button" className="button-link button-danger" onClick={() => onDelete(a)}>
            {t('notes.delete')}
          </button>
        </div>
      )}
    </li>
  )
}
