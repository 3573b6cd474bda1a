import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { FieldError, SettingsSection, TextField } from './fields'
import { issueAt } from './format'
import { EngineBadge, EngineDetail } from './TranslationSection'
import type { EnginesState } from './useEngines'
import { useSave } from './useSave'

export function LibreTranslateSection({ engines }: { engines: EnginesState }) {
  const { t } = useTranslation()
  const { settings } = useSave()
  const saved = settings.libreTranslate
  const engine = engines.engines?.find((candidate) => candidate.id === 'libretranslate')

  return (
    <SettingsSection id="libretranslate" title={t('settings.libre.heading')} intro={t('settings.libre.intro')}>
      <LibreTranslateForm saved={saved} />
      <div className="settings-status" role="status" data-testid="libretranslate-status">
        {engines.checking ? (
          <p className="muted">{t('settings.libre.checking')}</p>
        ) : (
          engine && (
            <div className="settings-row">
              <div className="settings-row-main">
                <strong>{t('settings.libre.status')}</strong>
                <EngineDetail engine={engine} />
              </div>
              <EngineBadge engine={engine} />
            </div>
          )
        )}
      </div>
    </SettingsSection>
  )
}

interface FormProps {
  saved: { url: string; apiKey: string }
}

function LibreTranslateForm({ saved }: FormProps) {
  const { t } = useTranslation()
  const { save } = useSave()
  // What the user typed and has not saved yet; until then the fields show the stored values, as they load.
  const [draft, setDraft] = useState<FormProps['saved'] | null>(null)
  const { url, apiKey } = draft ?? saved
  const edit = (change: Partial<FormProps['saved']>) => {
    setDraft({ url, apiKey, ...change })
    setJustSaved(false)
  }
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [justSaved, setJustSaved] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setJustSaved(false)
    const failure = await save({ libreTranslate: { url: url.trim(), apiKey } })
    setBusy(false)
    setError(failure)
    if (failure === null) setDraft(null)
    setJustSaved(failure === null)
  }

  const urlError = error && issueAt(error, 'patch.libreTranslate.url')
  const keyError = error && issueAt(error, 'patch.libreTranslate.apiKey')
  const otherError = error && !urlError && !keyError ? error : null

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        id="settings-libre-url"
        label={t('settings.libre.url')}
        type="url"
        placeholder={t('settings.libre.urlPlaceholder')}
        value={url}
        onChange={(value) => edit({ url: value })}
        error={urlError}
        hint={t('settings.libre.urlHint')}
      />
      <TextField
        id="settings-libre-key"
        label={t('settings.libre.apiKey')}
        type="password"
        value={apiKey}
        onChange={(value) => edit({ apiKey: value })}
        error={keyError}
        hint={t('settings.libre.apiKeyHint')}
      />
      <div className="settings-field">
        <span aria-hidden="true" />
        <div className="settings-control">
          <FieldError message={otherError} />
          <div className="settings-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('settings.libre.saving') : t('settings.libre.save')}
            </button>
            <span role="status" className="settings-success">
              {justSaved && t('settings.libre.saved')}
            </span>
          </div>
        </div>
      </div>
    </form>
  )
}
