import { type ReadingLayout, type Settings, withinBounds } from '@shared/settings-shape'
import type { ReadingArticle, Side } from '@shared/shapes'
import { READER_SHORTCUTS, type ReaderAction } from '@shared/shortcuts'
import { type Dispatch, type RefObject, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { ReaderAnnotationsLayer, useReaderAnnotations } from '../annotations/useReaderAnnotations'
import { useClient } from '../api/context'
import { ErrorBanner } from '../components/ErrorBanner'
import { HelpOverlay } from '../components/HelpOverlay'
import { formatDate } from '../format'
import { useGlossaryFix } from '../glossary/useGlossaryFix'
import { useCoreData } from '../hooks/useCoreData'
import { useMediaQuery } from '../hooks/useMediaQuery'
import { useCoreMessage } from '../i18n/core-messages'
import { FindBar } from '../reader/FindBar'
import { ModelOffer } from '../reader/ModelOffer'
import { initialReaderState, type ReaderChange, readerReducer, type ReaderState } from '../reader/reader-state'
import { ReaderProvider, useReader } from '../reader/ReaderContext'
import { ReaderGrid, sentenceKey } from '../reader/ReaderGrid'
import { ReaderToolbar } from '../reader/ReaderToolbar'
import { ReadingProgress } from '../reader/ReadingProgress'
import { useArticleFind } from '../reader/useArticleFind'
import { useArticleTranslation } from '../reader/useArticleTranslation'
import type { RevealParagraph } from '../reader/useParagraphRows'
import { useReaderKeys } from '../reader/useReaderKeys'
import { paragraphsInView, useVisibleParagraphs } from '../reader/useVisibleParagraphs'
import { libraryHref } from '../routes'
import { useSettings } from '../settings-context'

const LAYOUTS: ReadingLayout[] = ['side-by-side', 'interleaved', 'original', 'translation']
const THEMES: Settings['theme'][] = ['light', 'dark', 'sepia', 'system']
const SIDES_SHOWN: Record<ReadingLayout, Side[]> = {
  'side-by-side': ['original', 'translation'],
  interleaved: ['original', 'translation'],
  original: ['original'],
  translation: ['translation'],
}
/** Below this width two columns are too narrow to read: side by side falls back to interleaved. */
const NARROW_QUERY = '(max-width: 899px)'

export function ReaderScreen({ articleId, paragraphId }: { articleId: string; paragraphId: string | null }) {
  const { t } = useTranslation()
  const coreMessage = useCoreMessage()
  const { data: article, error } = useCoreData((client) => client.getArticle({ id: articleId }), { key: articleId })

  return (
    <div className="screen reader-screen">
      {error && (
        <>
          <ReaderToolbar.Back />
          <ErrorBanner message={coreMessage(error)} />
        </>
      )}
      {!article && !error && <p className="muted reader-loading">{t('reader.loading')}</p>}
      {article && <Reader article={article} startAt={paragraphId ?? article.position} />}
    </div>
  )
}

function Reader({ article, startAt }: { article: ReadingArticle; startAt: string | null }) {
  const client = useClient()
  const { settings } = useSettings()
  const firstSentence = sentenceKey({ paragraphId: article.paragraphs[0]!.id, index: 0 })
  // Without a choice for the article, the core picks the default engine.
  const [state, dispatch] = useReducer(
    readerReducer,
    { engine: article.engine, to: settings.targetLanguage, firstSentence },
    initialReaderState,
  )
  const [grid, setGrid] = useState<HTMLDivElement | null>(null)
  const reveal = useRef<RevealParagraph | null>(null)
  const narrow = useMediaQuery(NARROW_QUERY)
  const { data: engines } = useCoreData((core) => core.listEngines({}))

  const paragraphIds = useMemo(() => article.paragraphs.map((p) => p.id), [article])
  const initiallyVisible = useCallback(() => paragraphsInView(grid), [grid])
  const translation = useArticleTranslation(client, {
    articleId: article.id,
    paragraphIds,
    to: state.to,
    engine: state.engine,
    initiallyVisible,
  })
  const glossary = useGlossaryFix(client, article, state.to, translation.refresh)
  const notes = useReaderAnnotations({ articleId: article.id, grid, reveal, active: state.active, dispatch })
  const chosenLayout = settings.reading.layout
  const layout: ReadingLayout = narrow && chosenLayout === 'side-by-side' ? 'interleaved' : chosenLayout
  const sides = useMemo(() => SIDES_SHOWN[layout], [layout])
  const find = useArticleFind({ grid, paragraphs: article.paragraphs, translations: translation.paragraphs, sides, reveal })

  useRestoredPosition(reveal, startAt, translation.status.engine !== null || translation.status.error !== null)
  const savePosition = usePositionSaver(article.id, paragraphIds)
  useVisibleParagraphs(grid, translation.showing, (id) => {
    notes.setTopParagraph(id)
    savePosition(id)
  })
  useReaderShortcuts({ article, state, dispatch, grid, reveal, toggleCurrentBookmark: notes.toggleCurrentBookmark })
  const reader = {
    article,
    state,
    dispatch,
    layout,
    swapSides: settings.reading.swapSides,
    engines: engines ?? [],
    translation,
    marks: notes.marks,
  }

  return (
    <ReaderProvider value={reader}>
      <ReaderToolbar />
      <main className={`reader ${state.notesOpen ? 'with-notes' : ''}`} lang={article.lang}>
        <ReaderHeader />
        <div ref={setGrid}>
          <ReaderGrid
            reveal={reveal}
            translationNotice={
              translation.status.error && (
                <ModelOffer
                  error={translation.status.error}
                  engines={reader.engines}
                  from={article.lang}
                  to={state.to}
                  onModelsChanged={translation.retry}
                />
              )
            }
          />
        </div>
      </main>
      <ReaderAnnotationsLayer layer={notes.layer} glossary={glossary} />
      <FindBar find={find} />
      <ReadingProgress />
      {state.helpOpen && <ReaderHelp onClose={() => dispatch({ type: 'closeHelp' })} />}
    </ReaderProvider>
  )
}

/** The article's title, its translation, where and when it was published. */
function ReaderHeader() {
  const { i18n } = useTranslation()
  const { article, state, translation } = useReader()
  const meta = [formatDate(article.publishedAt, i18n.language), article.byline, article.source].filter(Boolean).join(' · ')
  return (
    <header className="reader-header">
      <h1>{article.title}</h1>
      {translation.title && (
        <p className="translated-title" lang={state.to} data-testid="translated-title">
          {translation.title}
        </p>
      )}
      {meta && <p className="article-meta">{meta}</p>}
      {article.url && (
        <p className="article-meta">
          <a href={article.url} rel="noreferrer noopener" target="_blank">
            {article.url}
          </a>
        </p>
      )}
    </header>
  )
}

function ReaderHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <HelpOverlay
      shortcuts={[
        ...READER_SHORTCUTS.map(({ keys, action }) => ({ keys, label: t(`help.${action}`) })),
        { keys: ['Enter'], label: t('help.pin') },
        { keys: [navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl', 'F'], label: t('help.find'), together: true },
      ]}
      onClose={onClose}
    />
  )
}

interface ShortcutTargets {
  article: ReadingArticle
  state: ReaderState
  dispatch: Dispatch<ReaderChange>
  grid: HTMLElement | null
  reveal: RefObject<RevealParagraph | null>
  toggleCurrentBookmark: () => void
}

/** What each reader key does. */
function useReaderShortcuts({ article, state, dispatch, grid, reveal, toggleCurrentBookmark }: ShortcutTargets) {
  const { settings, update } = useSettings()
  const reading = settings.reading

  const moveFocus = (step: { paragraphs?: number; sentences?: number }) => {
    const to = stepFrom(parseKey(state.active ?? state.focusable, article), step, article)
    const key = sentenceKey(to)
    dispatch({ type: 'moveTo', key })
    const sentence = () => grid?.querySelector<HTMLElement>(`[data-sentence="${key}"]`)
    // A sentence whose row is out of the page (the reader scrolled far from it) is brought in first.
    if (sentence()) sentence()!.focus()
    else void reveal.current?.(to.paragraphId, 'center').then(() => sentence()?.focus())
  }

  useReaderKeys((action: ReaderAction) => {
    const handlers: Record<ReaderAction, () => void> = {
      nextParagraph: () => moveFocus({ paragraphs: 1 }),
      previousParagraph: () => moveFocus({ paragraphs: -1 }),
      nextSentence: () => moveFocus({ sentences: 1 }),
      previousSentence: () => moveFocus({ sentences: -1 }),
      toggleLayout: () => void update({ reading: { layout: LAYOUTS[(LAYOUTS.indexOf(reading.layout) + 1) % LAYOUTS.length] } }),
      swapSides: () => void update({ reading: { swapSides: !reading.swapSides } }),
      biggerText: () => void update({ reading: { fontSize: withinBounds('fontSize', reading.fontSize + 1) } }),
      smallerText: () => void update({ reading: { fontSize: withinBounds('fontSize', reading.fontSize - 1) } }),
      cycleTheme: () => void update({ theme: THEMES[(THEMES.indexOf(settings.theme) + 1) % THEMES.length] }),
      toggleBookmark: toggleCurrentBookmark,
      toggleNotes: () => dispatch({ type: 'toggleNotes' }),
      search: () => (window.location.hash = '#/?search'),
      back: () => (window.location.hash = libraryHref),
      help: () => dispatch({ type: 'toggleHelp' }),
      escape: () => dispatch({ type: 'escape' }),
    }
    handlers[action]()
  })
}

function parseKey(key: string, article: ReadingArticle): { paragraph: number; sentence: number } {
  const [paragraphId, index] = key.split(':')
  return {
    paragraph: Math.max(
      0,
      article.paragraphs.findIndex((p) => p.id === paragraphId),
    ),
    sentence: Number(index) || 0,
  }
}

/** The sentence a step away, moving across paragraph ends; paragraph steps land on a paragraph's first sentence. */
function stepFrom(
  from: { paragraph: number; sentence: number },
  step: { paragraphs?: number; sentences?: number },
  article: ReadingArticle,
) {
  const last = article.paragraphs.length - 1
  if (step.paragraphs) {
    const paragraph = Math.min(last, Math.max(0, from.paragraph + step.paragraphs))
    return { paragraphId: article.paragraphs[paragraph]!.id, index: 0 }
  }
  let { paragraph, sentence } = from
  sentence += step.sentences ?? 0
  if (sentence < 0 && paragraph > 0) {
    paragraph -= 1
    sentence = article.paragraphs[paragraph]!.sentences.length - 1
  } else if (sentence >= article.paragraphs[paragraph]!.sentences.length && paragraph < last) {
    paragraph += 1
    sentence = 0
  }
  const count = article.paragraphs[paragraph]!.sentences.length
  return { paragraphId: article.paragraphs[paragraph]!.id, index: Math.min(count - 1, Math.max(0, sentence)) }
}

/**
 * Scrolls to where the reader left off (or to the paragraph of a deep link), once the translation's first answer
 * has settled the rows' heights.
 */
function useRestoredPosition(reveal: RefObject<RevealParagraph | null>, paragraphId: string | null, settled: boolean) {
  const restored = useRef<string | null | undefined>(undefined)
  useEffect(() => {
    if (restored.current === paragraphId || !reveal.current || !settled) return
    // A later link to another paragraph of the same article (`#/article/<id>/p7`) goes there too.
    const first = restored.current === undefined
    restored.current = paragraphId
    if (!paragraphId || (first && paragraphId === 'p1')) return
    void reveal.current(paragraphId, 'start')
  }, [reveal, paragraphId, settled])
}

/** Saves the reading position once the first paragraph in view stays the same for a moment. */
function usePositionSaver(articleId: string, paragraphIds: string[]) {
  const client = useClient()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  return useCallback(
    (paragraphId: string) => {
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        const progress = (paragraphIds.indexOf(paragraphId) + 1) / paragraphIds.length
        void client.setReadingPosition({ id: articleId, paragraphId, progress }).catch(() => undefined)
      }, 600)
    },
    [client, articleId, paragraphIds],
  )
}
