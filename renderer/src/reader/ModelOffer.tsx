import type { ErrorData } from '@shared/errors'
import type { CatalogueEntry, EngineInfo, LanguagePair } from '@shared/shapes'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

import { useCoreMessage } from '../i18n/core-messages'
import { formatBytes, languageInSentence } from '../settings/format'
import { TransferProgress } from '../settings/ModelCatalogue'
import { type ModelsState, useModels } from '../settings/useModels'

interface ModelOfferProps {
  /** Why the article cannot be translated, as translateArticle said. */
  error: ErrorData
  engines: EngineInfo[]
  from: string
  to: string
  /** Called when the installed models change, so the translation starts again. */
  onModelsChanged: () => void
}

/**
 * In the translation pane when nothing can translate the article: why, what would fix it, and the Bergamot model
 * that would, to download in place with its progress; once installed, the translation starts again.
 */
export function ModelOffer({ error, engines, from, to, onModelsChanged }: ModelOfferProps) {
  const { t } = useTranslation()
  const word = useCoreMessage()
  const models = useModels()
  useWhenChanged(models.revision, onModelsChanged)
  const entry = error.code === 'engine_unavailable' ? models.catalogue?.find((e) => e.from === from && e.to === to) : undefined
  const looking = error.code === 'engine_unavailable' && models.catalogue === null && !models.catalogueError

  return (
    <div className="model-offer" role="status" data-testid="translation-unavailable">
      <p className="model-offer-reason">{word(error)}</p>
      <Fixes error={error} engines={engines} pair={{ from, to }} />
      {entry ? (
        <ModelDownload entry={entry} models={models} />
      ) : looking ? (
        <p className="muted">{t('reader.modelOffer.looking')}</p>
      ) : (
        <a className="button button-small" href="#/settings">
          {t('reader.openSettings')}
        </a>
      )}
    </div>
  )
}

/** What the reader can do about it: the failed engine's own fix, another engine that can, or the language. */
function Fixes({ error, engines, pair }: { error: ErrorData; engines: EngineInfo[]; pair: LanguagePair }) {
  const { t, i18n } = useTranslation()
  const word = useCoreMessage()
  if (error.messageCode === 'article_already_in_language') return <p>{t('reader.fixes.otherLanguage')}</p>
  if (error.code !== 'engine_unavailable') return null
  const tried = engines.find((engine) => engine.id === error.params?.engine)
  const others = engines.filter(
    (engine) =>
      engine !== tried && engine.status.state === 'ready' && engine.pairs.some(({ from, to }) => from === pair.from && to === pair.to),
  )
  const names = new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(others.map((engine) => t(`engines.${engine.id}`)))
  return (
    <>
      {tried && tried.status.state !== 'ready' && <p>{word(tried.status.fix)}</p>}
      <p>{others.length > 0 ? t('reader.fixes.otherEngine', { engines: names }) : t('reader.fixes.getEngine')}</p>
    </>
  )
}

/** A model's download button, then its progress with cancel; after a failure, why and the button again. */
export function ModelDownload({ entry, models }: { entry: CatalogueEntry; models: ModelsState }) {
  const { t, i18n } = useTranslation()
  const transfer = models.transfers[entry.name]
  const note = models.notes[entry.name]
  const installed = models.installed?.some((model) => model.name === entry.name && model.version === entry.version)
  const pair = {
    from: languageInSentence(entry.from, i18n.language),
    to: languageInSentence(entry.to, i18n.language),
    size: formatBytes(entry.transferBytes, i18n.language),
  }
  if (transfer)
    return (
      <div className="model-download">
        <p>{t('reader.modelOffer.downloading', pair)}</p>
        <TransferProgress name={entry.name} transfer={transfer} onCancel={() => models.cancel(entry.name)} />
      </div>
    )
  if (installed)
    return (
      <p className="muted" role="status">
        {t('reader.modelOffer.installed')}
      </p>
    )
  return (
    <div className="model-download">
      <button type="button" className="button button-primary" onClick={() => void models.download(entry)}>
        {t(note?.kind === 'error' ? 'reader.modelOffer.retry' : 'reader.modelOffer.download', pair)}
      </button>
      <p className="muted">{t('reader.modelOffer.offline')}</p>
      {note && (
        <p className={note.kind === 'error' ? 'field-error' : 'muted'} role={note.kind === 'error' ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </div>
  )
}

/** Calls `onChange` each time `value` changes after the first render. */
function useWhenChanged(value: number, onChange: () => void) {
  const first = useRef(value)
  useEffect(() => {
    if (value !== first.current) onChange()
  }, [value, onChange])
}
