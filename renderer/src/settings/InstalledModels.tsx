import type { ModelInfo } from '@shared/shapes'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { FieldError } from './fields'
import { formatBytes, useLanguageName } from './format'
import type { ModelsState } from './useModels'

export function InstalledModels({ models }: { models: ModelsState }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const { installed } = models

  return (
    <>
      <h3 className="settings-subheading">{t('settings.models.installedHeading')}</h3>
      <FieldError message={models.installedError ?? error} />
      {installed === null ? (
        !models.installedError && <p className="muted">{t('settings.models.loading')}</p>
      ) : installed.length === 0 ? (
        <p className="muted">{t('settings.models.none')}</p>
      ) : (
        <ul className="settings-list" data-testid="installed-models">
          {installed.map((model) => (
            <InstalledModel key={model.name} model={model} onDelete={async () => setError(await models.remove(model.name))} />
          ))}
        </ul>
      )}
    </>
  )
}

/** A model, with a Delete that asks first, in place. */
interface InstalledModelProps {
  model: ModelInfo
  onDelete(): Promise<void>
}

function InstalledModel({ model, onDelete }: InstalledModelProps) {
  const { t, i18n } = useTranslation()
  const languageName = useLanguageName()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const asked = useRef(false)
  useEffect(() => {
    // Back from the question: give the focus back to the button that asked it.
    if (confirming) asked.current = true
    else if (asked.current) deleteButton.current?.focus()
  }, [confirming])

  const confirm = async () => {
    setBusy(true)
    await onDelete()
    setBusy(false)
    setConfirming(false)
  }

  return (
    <li className="settings-row">
      <div className="settings-row-main">
        <strong>{model.name}</strong>
        <span className="muted">
          {t('settings.models.pair', { from: languageName(model.from), to: languageName(model.to) })} ·{' '}
          {formatBytes(model.sizeBytes, i18n.language)}
        </span>
      </div>
      {confirming ? (
        <div className="settings-confirm" role="group" aria-label={t('settings.models.confirmDelete', { name: model.name })}>
          <span>{t('settings.models.confirmDelete', { name: model.name })}</span>
          <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void confirm()} autoFocus>
            {t('settings.models.confirm')}
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => setConfirming(false)}>
            {t('settings.models.keep')}
          </button>
        </div>
      ) : (
        <button
          ref={deleteButton}
          type="button"
          className="button button-small button-danger"
          aria-label={t('settings.models.deleteNamed', { name: model.name })}
          onClick={() => setConfirming(true)}
        >
          {t('settings.models.delete')}
        </button>
      )}
    </li>
  )
}
