import { type ReadingLayout, readingLayouts } from '@shared/settings-shape'
import type { EngineId, EngineInfo } from '@shared/shapes'
import { useTranslation } from 'react-i18next'

import { useClient } from '../api/context'
import { MoreMenu } from '../components/MoreMenu'
import { useMediaQuery } from '../hooks/useMediaQuery'
import { libraryHref } from '../routes'
import { useLanguageName } from '../settings/format'
import { useSettings } from '../settings-context'
import { useReader } from './ReaderContext'
import type { TranslationStatus } from './useArticleTranslation'

/** What the bar shows and does, from the reader's state and the settings. */
interface ToolbarView {
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

/** Widths the bar needs for its controls with the French labels, the longest; below, they fold into a menu. */
const ROOM_FOR_ALL = '(min-width: 1500px)'
const ROOM_FOR_LAYOUT = '(min-width: 1100px)'

/** The reader's bar: back, translation progress, engine and language, layout. */
export function ReaderToolbar() {
  const { t } = useTranslation()
  const props = useToolbarView()
  const roomForAll = useMediaQuery(ROOM_FOR_ALL)
  const roomForLayout = useMediaQuery(ROOM_FOR_LAYOUT)
  const engine = (
    <EngineMenu
      engines={props.engines}
      shown={props.engine ?? props.status.engine}
      noEngine={props.status.error !== null}
      onEngine={props.onEngine}
    />
  )
  const target = <TargetField {...props} />
  const layout = <LayoutSwitch {...props} />
  const swap = (
    <button type="button" className="button button-small" aria-pressed={props.swapSides} onClick={props.onSwap}>
      {t('reader.swap')}
    </button>
  )

  return (
    <nav className="reader-bar" aria-label={t('reader.toolbar')}>
      <Back />
      <span className="reader-bar-title">{props.title}</span>
      <div className="reader-bar-controls">
        <TranslationProgress status={props.status} />
        {roomForAll && engine}
        {roomForAll && target}
        {roomForLayout && layout}
        {roomForAll && swap}
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
        {!roomForAll && (
          <MoreMenu>
            {engine}
            {target}
            {!roomForLayout && layout}
            {swap}
          </MoreMenu>
        )}
      </div>
    </nav>
  )
}

function useToolbarView(): ToolbarView {
  const client = useClient()
  const { settings, update } = useSettings()
  const { article, state, dispatch, layout, swapSides, engines, translation } = useReader()
  return {
    title: article.title,
    status: translation.status,
    engines,
    engine: state.engine,
    from: article.lang,
    to: state.to,
    layout,
    narrowWindow: layout !== settings.reading.layout,
    swapSides,
    // A choice is kept for the article, and becomes the default for articles with none.
    onEngine: (engine) => {
      dispatch({ type: 'chooseEngine', engine })
      void client.setArticleEngine({ id: article.id, engine }).catch(() => undefined)
      void update({ engine })
    },
    onTarget: (to) => dispatch({ type: 'chooseTarget', to }),
    onLayout: (next) => void update({ reading: { layout: next } }),
    onSwap: () => void update({ reading: { swapSides: !swapSides } }),
    onHelp: () => dispatch({ type: 'openHelp' }),
    notesOpen: state.notesOpen,
    onNotes: () => dispatch({ type: 'toggleNotes' }),
  }
}

function TargetField({ engines, from, to, onTarget }: ToolbarView) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const ready = engines.filter((info) => info.status.state === 'ready')
  const targets = [...new Set(ready.flatMap((info) => info.pairs.filter((pair) => pair.from === from).map((pair) => pair.to)))]
  if (!targets.includes(to)) targets.unshift(to)
  return (
    <label className="compact-field">
      <span>{t('reader.targetLanguage')}</span>
      <select value={to} onChange={(event) => onTarget(event.target.value)}>
        {targets.map((code) => (
          <option key={code} value={code}>
            {languageName(code)}
          </option>
        ))}
      </select>
    </label>
  )
}

function LayoutSwitch({ layout, narrowWindow, onLayout }: ToolbarView) {
  const { t } = useTranslation()
  return (
    <div className="segmented" role="group" aria-label={t('reader.layout')}>
      {readingLayouts.map((option) => (
        <button key={option} type="button" aria-pressed={layout === option} onClick={() => onLayout(option)}>
          {narrowWindow && option === 'interleaved' ? t('reader.interleavedNarrow') : t(`reader.layouts.${option}`)}
        </button>
      ))}
    </div>
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
