import type { LanguagePair, PlacedAnnotation } from '@shared/shapes'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { ErrorBanner } from '../components/ErrorBanner'
import { FormActions } from '../components/SmallButton'
import { useCoreMessage } from '../i18n/core-messages'
import { AnnotationItem } from './AnnotationItem'
import { ExportButtons } from './ExportButtons'
import { NoteTextarea } from './NoteTextarea'
import type { ArticleAnnotations } from './useAnnotations'

interface NotesPanelProps {
  articleId: string
  /** The article's language and its translation's. */
  languages: LanguagePair
  annotations: ArticleAnnotations
  /** The paragraph a new paragraph note goes on: the focused one, else the first in view. */
  currentParagraph: () => string
  onJump: (annotation: PlacedAnnotation) => void
  onDelete: (annotation: PlacedAnnotation) => void
  onClose: () => void
}

/** The article's annotations in reading order, beside the text. */
export function NotesPanel({ articleId, languages, annotations, currentParagraph, onJump, onDelete, onClose }: NotesPanelProps) {
  const { t } = useTranslation()
  const top = useReaderBarHeight()
  const { list, error } = annotations
  const coreMessage = useCoreMessage()
  return (
    <aside id="notes-panel" className="notes-panel" style={{ top }} aria-labelledby="notes-panel-title" data-testid="notes-panel">
      <header className="notes-panel-head">
        <h2 id="notes-panel-title">{t('notes.title')}</h2>
        {list && <span className="muted">{t('notes.count', { count: list.length })}</span>}
        <button
          type="button"
          className="button-quiet notes-panel-close"
          onClick={onClose}
          aria-label={t('notes.close')}
          title={t('notes.close')}
        >
          ×
        </button>
      </header>
      <ParagraphNote currentParagraph={currentParagraph} onAdd={annotations.addNote} />
      {error && <ErrorBanner message={coreMessage(error)} />}
      {list === null ? (
        <p className="muted">{t('notes.loading')}</p>
      ) : list.length === 0 ? (
        <p className="notes-empty">{t('notes.empty')}</p>
      ) : (
        <ol className="annotation-list">
          {list.map((a) => (
            <AnnotationItem
              key={a.id}
              annotation={a}
              languages={languages}
              onJump={onJump}
              onSaveNote={annotations.updateNote}
              onDelete={onDelete}
            />
          ))}
        </ol>
      )}
      <footer className="notes-panel-foot">
        <ExportButtons articleId={articleId} label={t('notes.exportArticle')} />
      </footer>
    </aside>
  )
}

/** A note on a whole paragraph, with no passage selected. */
function ParagraphNote({
  currentParagraph,
  onAdd,
}: {
  currentParagraph: () => string
  onAdd: (paragraphId: string, note: string) => Promise<void>
}) {
  const { t } = useTranslation()
  const [paragraphId, setParagraphId] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const close = () => {
    setParagraphId(null)
    setNote('')
  }
  async function save() {
    if (!paragraphId || !note.trim()) return
    try {
      await onAdd(paragraphId, note)
      close()
    } catch {
      // Shown by the panel; the text stays.
    }
  }
  if (!paragraphId)
    return (
      <button type="button" className="button button-small notes-add" onClick={() => setParagraphId(currentParagraph())}>
        + {t('notes.addParagraphNote')}
      </button>
    )
  return (
    <form
      className="note-form notes-add-form"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <label htmlFor="paragraph-note">{t('notes.noteOn', { number: Number(paragraphId.slice(1)) })}</label>
      <NoteTextarea id="paragraph-note" value={note} onChange={setNote} onSave={() => void save()} onCancel={close} />
      <FormActions cancelLabel={t('notes.cancel')} saveLabel={t('notes.save')} saveDisabled={!note.trim()} onCancel={close} />
    </form>
  )
}

/** The height of the reader's sticky bar, so the panel starts below it whatever it wraps to. */
function useReaderBarHeight(): number {
  const [height, setHeight] = useState(0)
  useEffect(() => {
    const bar = document.querySelector<HTMLElement>('.reader-bar')
    if (!bar) return
    const observer = new ResizeObserver(() => setHeight(bar.getBoundingClientRect().height))
    observer.observe(bar)
    return () => observer.disconnect()
  }, [])
  return height
}
