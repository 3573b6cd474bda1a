import type { LanguagePair, PlacedAnnotation } from '@shared/shapes'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

import { FormActions } from '../components/SmallButton'
import { Tags, tagsIn, TagsInput } from '../components/Tags'
import { AnnotationBody, AnnotationHeading } from './AnnotationView'
import { NoteTextarea } from './NoteTextarea'
import { placeOf } from './useAnnotations'

interface AnnotationItemProps {
  annotation: PlacedAnnotation
  languages: LanguagePair
  onJump: (annotation: PlacedAnnotation) => void
  onSaveNote: (annotation: PlacedAnnotation, note: string, tags: string[]) => Promise<void>
  onDelete: (annotation: PlacedAnnotation) => void
}

/** One annotation in the reader's notes panel: go to it, write or change its note and tags, delete it. */
export function AnnotationItem({ annotation: a, languages, onJump, onSaveNote, onDelete }: AnnotationItemProps) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<string | null>(null)
  const [tags, setTags] = useState('')
  const edit = () => {
    setDraft(a.note)
    setTags(a.tags.join(', '))
  }

  async function save() {
    if (draft === null) return
    try {
      await onSaveNote(a, draft, tagsIn(tags))
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
        <AnnotationBody annotation={a} sourceLang={languages.from} targetLang={languages.to} />
      </div>
      {draft !== null ? (
        <form
          className="note-form"
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <NoteTextarea
            label={t('notes.noteLabel')}
            value={draft}
            onChange={setDraft}
            onSave={() => void save()}
            onCancel={() => setDraft(null)}
          />
          <TagsInput of="notes" value={tags} onChange={setTags} onCancel={() => setDraft(null)} />
          <FormActions
            cancelLabel={t('notes.cancel')}
            saveLabel={t('notes.save')}
            saveDisabled={a.kind === 'note' && !draft.trim()}
            onCancel={() => setDraft(null)}
          />
        </form>
      ) : (
        <>
          {a.note && <p className="annotation-note">{a.note}</p>}
          {a.tags.length > 0 && (
            <p className="annotation-tags">
              <Tags tags={a.tags} />
            </p>
          )}
        </>
      )}
      {draft === null && (
        <div className="annotation-actions">
          <button type="button" className="button-link" onClick={edit}>
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
