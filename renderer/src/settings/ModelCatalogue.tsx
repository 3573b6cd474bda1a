import type { CatalogueEntry } from '@shared/shapes'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

import { FieldError } from './fields'
import { formatBytes, formatNumber, useLanguageName } from './format'
import type { ModelsState, Transfer } from './useModels'

/** The models one can download; French ones first, and only them unless asked. */
export function ModelCatalogue({ models }: { models: ModelsState }) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const [everyPair, setEveryPair] = useState(false)
  const { catalogue } = models
  const shown = (catalogue ?? [])
    .filter((entry) => everyPair || entry.from === 'fr')
    .sort(
      (a, b) =>
        Number(b.from === 'fr') - Number(a.from === 'fr') ||
        languageName(a.from).localeCompare(languageName(b.from)) ||
        languageName(a.to).localeCompare(languageName(b.to)),
    )

  return (
    <>
      <h3 className="settings-subheading">{t('settings.models.catalogueHeading')}</h3>
      {models.catalogueError ? (
        <div className="settings-inline-error" data-testid="catalogue-error">
          <FieldError message={models.catalogueError} />
          <button type="button" className="button button-small" onClick={models.reloadCatalogue}>
            {t('settings.models.retry')}
          </button>
        </div>
      ) : catalogue === null ? (
        <p className="muted">{t('settings.models.catalogueLoading')}</p>
      ) : (
        <>
          {catalogue[0] && <p className="muted">{t('settings.models.catalogueSource', { host: hostOf(catalogue[0].catalogueSource) })}</p>}
          <div className="settings-checkbox">
            <input id="settings-every-pair" type="checkbox" checked={everyPair} onChange={(event) => setEveryPair(event.target.checked)} />
            <label htmlFor="settings-every-pair">{t('settings.models.everyPair')}</label>
          </div>
          {shown.length === 0 ? (
            <p className="muted">{t('settings.models.noneFromFrench')}</p>
          ) : (
            <ul className="settings-list" data-testid="model-catalogue">
              {shown.map((entry) => (
                <CatalogueRow key={entry.name} entry={entry} models={models} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  )
}

/** The host of a catalogue read over http(s); a catalogue file by its path. */
function hostOf(source: string): string {
  return /^https?:\/\//i.test(source) ? new URL(source).host : source
}

function CatalogueRow({ entry, models }: { entry: CatalogueEntry; models: ModelsState }) {
  const { t, i18n } = useTranslation()
  const languageName = useLanguageName()
  const transfer = models.transfers[entry.name]
  const note = models.notes[entry.name]
  const installed = models.installed?.find((model) => model.name === entry.name)
  const current = installed?.version === entry.version

  return (
    <li className="settings-row settings-row-wrap">
      <div className="settings-row-main">
        <strong>{t('settings.models.pair', { from: languageName(entry.from), to: languageName(entry.to) })}</strong>
        <span className="muted">
          {entry.name} · {formatBytes(entry.sizeBytes, i18n.language)}
        </span>
      </div>
      {transfer ? (
        <TransferProgress name={entry.name} transfer={transfer} onCancel={() => models.cancel(entry.name)} />
      ) : current ? (
        <span className="status-badge status-ready">{t('settings.models.installed')}</span>
      ) : (
        <button
          type="button"
          className="button button-small button-primary"
          aria-label={t(installed ? 'settings.models.updateNamed' : 'settings.models.downloadNamed', { name: entry.name })}
          onClick={() => void models.download(entry)}
        >
          {t(installed ? 'settings.models.update' : 'settings.models.download')}
        </button>
      )}
      {note && (
        <p
          className={note.kind === 'error' ? 'field-error settings-row-note' : 'settings-row-note muted'}
          role={note.kind === 'error' ? 'alert' : 'status'}
        >
          {note.text}
        </p>
      )}
    </li>
  )
}

export function TransferProgress({ name, transfer, onCancel }: { name: string; transfer: Transfer; onCancel: () => void }) {
  const { t, i18n } = useTranslation()
  const total = Math.max(transfer.total, transfer.done, 1)
  const percent = formatNumber(transfer.done / total, i18n.language, { style: 'percent' })
  const label = t('settings.models.downloading', { name })
  return (
    <div className="model-transfer">
      <progress max={total} value={transfer.done} aria-label={label} aria-valuetext={percent} />
      <span className="progress-label">
        {t('settings.models.transferred', { done: formatBytes(transfer.done, i18n.language), total: formatBytes(total, i18n.language) })}
      </span>
      <button type="button" className="button button-small" aria-label={t('settings.models.cancelNamed', { name })} onClick={onCancel}>
        {t('settings.models.cancel')}
      </button>
    </div>
  )
}
