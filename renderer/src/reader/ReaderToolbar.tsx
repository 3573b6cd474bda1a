import { useTranslation } from 'react-i18next'
import type { EngineId, EngineInfo } from '../../../main/api/contract'
import type { ReadingLayout } from '../../../main/api/settings'
import { libraryHref } from '../routes'
import { useLanguageName } from '../settings/format'
import type { TranslationStatus } from './useArticleTranslation'

interface ReaderToolbarProps {
  title: string
  status: TranslationStatus
  engines: EngineInfo[]
  /** The engine chosen for the article, if any. */
  engine: EngineId | undefined
  from: string
  to: string
  /** The layout in use, which a narrow window may have made interleaved instead of side by side. */
  layout: ReadingLayout
  narrowWindow: boolean
  swapSides: boolean
  onEngine: (engine: EngineId) => void
  onTarget: (to: string) => void
  onLayout: (layout: ReadingLayout) => void
  onSwap: () => void
  onHelp: () => void
  notesOpen: boolean
  onNotes: () => void
}

const LAYOUTS: ReadingLayout[] = ['side-by-side', 'interleaved', 'original', 'translation']

/** The reader's bar: back, translation progress, engine and language, layout. */
export function ReaderToolbar(props: ReaderToolbarProps) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const { status, engines, from } = props
  const ready = engines.filter((engine) => engine.status.state === 'ready')
  const targets = [...new Set(ready.flatMap((engine) => engine.pairs.filter((pair) => pair.from === from).map((pair) => pair.to)))]
  if (!targets.includes(props.to)) targets.unshift(props.to)

  return (
    <nav className="reader-bar" aria-label={t('reader.toolbar')}>
      <Back />
      <span className="reader-bar-title">{props.title}</span>
      <div className="reader-bar-controls">
        <TranslationProgress status={status} />
        <EngineMenu engines={engines} shown={props.engine ?? status.engine} noEngine={status.error !== null} onEngine={props.onEngine} />
        <label className="compact-field">
          <span>{t('reader.targetLanguage')}</span>
          <select value={props.to} onChange={(event) => props.onTarget(event.target.value)}>
            {targets.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label={t('reader.layout')}>
          {LAYOUTS.map((layout) => (
            <button key={layout} type="button" aria-pressed={props.layout === layout} onClick={() => props.onLayout(layout)}>
              {props.narrowWindow && layout === 'interleaved' ? t('reader.interleavedNarrow') : t(`reader.layouts.${layout}`)}
            </button>
          ))}
        </div>
        <button type="button" className="button button-small" aria-pressed={props.swapSides} onClick={props.onSwap}>
          {t('reader.swap')}
        </button>
        <button
          type="button"
          className="button button-small"
          aria-pressed={props.notesOpen}
          onClick={props.onNotes}
          data-testid="notes-toggle"
        >
          {t('notes.title')}
        </button>
        <button type="button" className="button button-small" onClick={props.onHelp} aria-label={t('help.title')}>
          ?
        </button>
      </div>
    </nav>
  )
}

function Back() {
  const { t } = useTranslation()
  return (
    <a className="button button-quiet" href={libraryHref}>
      ← {t('reader.back')}
    </a>
  )
}
ReaderToolbar.Back = Back

/**
 * The engine in use (or the one that could not translate), never a vaguer name for it; the other engines that
 * are ready, to choose one for the article.
 */
function EngineMenu(props: { engines: EngineInfo[]; shown: EngineId | null; noEngine: boolean; onEngine: (engine: EngineId) => void }) {
  const { t } = useTranslation()
  const { engines, shown } = props
  const choices = engines.filter((engine) => engine.status.state === 'ready').map((engine) => engine.id)
  if (shown && !choices.includes(shown)) choices.unshift(shown)
  const notReady = (id: EngineId) => engines.some((engine) => engine.id === id && engine.status.state !== 'ready')
  return (
    <label className="compact-field">
      <span>{t('reader.engine')}</span>
      <select value={shown ?? ''} onChange={(event) => props.onEngine(event.target.value as EngineId)}>
        {!shown && <option value="">{props.noEngine ? t('reader.engineNone') : '…'}</option>}
        {choices.map((id) => (
          <option key={id} value={id}>
            {notReady(id) ? t('settings.translation.engineNotReady', { engine: t(`engines.${id}`) }) : t(`engines.${id}`)}
          </option>
        ))}
      </select>
    </label>
  )
}

function TranslationProgress({ status }: { status: TranslationStatus }) {
  const { t } = useTranslation()
  const label = status.error
    ? t('reader.notTranslated')
    : status.running
      ? t('reader.translatingCount', { done: status.done, total: status.total })
      : t('reader.translatedBy', { engine: status.engine ? t(`engines.${status.engine}`) : '…' })
  // One slot of one width whatever it says, so the controls after it never move.
  return (
    <div className="translation-progress" data-testid="translation-progress">
      {!status.error && <progress max={Math.max(1, status.total)} value={status.done} aria-label={label} />}
      <span className="progress-label" title={label}>
        {label}
      </span>
    </div>
  )
}
