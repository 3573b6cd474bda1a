import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldError, SettingsSection } from './fields'
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
      <div className="settings-field">
        <label htmlFor="settings-libre-url">{t('settings.libre.url')}</label>
        <div className="settings-control">
          <input
            id="settings-libre-url"
            className="settings-input"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder={t('settings.libre.urlPlaceholder')}
            value={url}
            onChange={(event) => edit({ url: event.target.value })}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? 'settings-libre-url-error settings-libre-url-hint' : 'settings-libre-url-hint'}
          />
          <FieldError id="settings-libre-url-error" message={urlError} />
          <p id="settings-libre-url-hint" className="settings-hint">
            {t('settings.libre.urlHint')}
          </p>
        </div>
      </div>
      <div className="settings-field">
        <label htmlFor="settings-libre-key">{t('settings.libre.apiKey')}</label>
        <div className="settings-control">
          <input
            id="settings-libre-key"
            className="settings-input"
            type="password"
            spellCheck={false}
            autoComplete="off"
            value={apiKey}
            onChange={(event) => edit({ apiKey: event.target.value })}
            aria-invalid={keyError ? true : undefined}
            aria-describedby={keyError ? 'settings-libre-key-error settings-libre-key-hint' : 'settings-libre-key-hint'}
          />
          <FieldError id="settings-libre-key-error" message={keyError} />
          <p id="settings-libre-key-hint" className="settings-hint">
            {t('settings.libre.apiKeyHint')}
          </p>
        </div>
      </div>
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
