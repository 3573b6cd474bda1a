import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { FormActions } from '../components/SmallButton'
import { useCoreMessage } from '../i18n/core-messages'

export interface GlossaryWords {
  source: string
  target: string
}

interface GlossaryFormProps {
  initial: GlossaryWords
  sourceLang: string
  targetLang: string
  /** The original sentence, shown when the words were selected in the translation. */
  hint?: string
  saveLabel: string
  onSave: (words: GlossaryWords) => Promise<void>
  onCancel: () => void
}

/** The original words and the translation they should have: for a new correction, or to edit one. */
export function GlossaryForm({ initial, sourceLang, targetLang, hint, saveLabel, onSave, onCancel }: GlossaryFormProps) {
  const { t } = useTranslation()
  const wordError = useCoreMessage()
  const [words, setWords] = useState(initial)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const set = (key: keyof GlossaryWords, value: string) => setWords((current) => ({ ...current, [key]: value }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing = !words.source.trim() ? 'glossary.needSource' : !words.target.trim() ? 'glossary.needTarget' : null
    if (missing) return setError(t(missing))
    setSaving(true)
    setError(null)
    try {
      await onSave({ source: words.source.trim(), target: words.target.trim() })
    } catch (e) {
      setError(wordError(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form className="note-form glossary-form" data-testid="glossary-form" onSubmit={(event) => void submit(event)} noValidate>
      {hint && (
        <blockquote className="note-form-quote">
          {t('glossary.hint')} <span lang={sourceLang}>{hint}</span>
        </blockquote>
      )}
      <WordsField
        label={t('glossary.source')}
        lang={sourceLang}
        value={words.source}
        placeholder={t('glossary.sourcePlaceholder')}
        onChange={(value) => set('source', value)}
        autoFocus={!initial.source}
      />
      <WordsField
        label={t('glossary.target')}
        lang={targetLang}
        value={words.target}
        onChange={(value) => set('target', value)}
        autoFocus={!!initial.source}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <FormActions cancelLabel={t('glossary.cancel')} saveLabel={saveLabel} saveDisabled={saving} onCancel={onCancel} />
    </form>
  )
}

interface WordsFieldProps {
  label: string
  lang: string
  value: string
  placeholder?: string
  autoFocus: boolean
  onChange: (value: string) => void
}

function WordsField({ label, lang, value, placeholder, autoFocus, onChange }: WordsFieldProps) {
  return (
    <label>
      {label}
      <input
        lang={lang}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        autoFocus={autoFocus}
        maxLength={200}
      />
    </label>
  )
}
