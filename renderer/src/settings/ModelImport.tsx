import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useClient } from '../api/context'
import { useCoreMessage } from '../i18n/core-messages'
import { FieldError } from './fields'

/** Installs models from a folder or an archive already on this machine. */
export function ModelImport() {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const coreMessage = useCoreMessage()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setResult(null)
    setError(null)
    try {
      const models = await client.importModels({ path: path.trim() })
      setResult(
        models.length === 0
          ? t('settings.models.importedNone')
          : t('settings.models.imported', {
              count: models.length,
              names: new Intl.ListFormat(i18n.language).format(models.map((model) => model.name)),
            }),
      )
    } catch (e) {
      setError(coreMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="settings-import" onSubmit={(event) => void submit(event)}>
      <h3 className="settings-subheading">{t('settings.models.importHeading')}</h3>
      <label htmlFor="settings-model-path">{t('settings.models.importLabel')}</label>
      <div className="settings-inline">
        <input
          id="settings-model-path"
          className="settings-input"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={path}
          onChange={(event) => setPath(event.target.value)}
          aria-describedby="settings-model-path-hint"
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="button" disabled={busy || path.trim() === ''}>
          {busy ? t('settings.models.importing') : t('settings.models.importButton')}
        </button>
      </div>
      <p id="settings-model-path-hint" className="settings-hint">
        {t('settings.models.importHint')}
      </p>
      <FieldError message={error} />
      {result && (
        <p className="settings-success" role="status">
          {result}
        </p>
      )}
    </form>
  )
}
