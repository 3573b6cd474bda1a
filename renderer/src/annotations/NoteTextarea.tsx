import { useTranslation } from 'react-i18next'

interface NoteTextareaProps {
  /** For a `<label htmlFor>`; without one, `label` names the field. */
  id?: string
  label?: string
  value: string
  onChange: (value: string) => void
  onSave: () => void
  onCancel: () => void
}

/** The field a note is written in: Ctrl or ⌘ + Enter saves it, Escape leaves it. */
export function NoteTextarea({ id, label, value, onChange, onSave, onCancel }: NoteTextareaProps) {
  const { t } = useTranslation()
  return (
    <textarea
      id={id}
      aria-label={label}
      placeholder={t('notes.notePlaceholder')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) onSave()
        if (event.key === 'Escape') onCancel()
      }}
      rows={3}
      autoFocus
    />
  )
}
