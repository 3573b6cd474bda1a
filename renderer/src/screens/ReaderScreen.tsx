import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EngineId, EngineInfo, ReadingArticle } from '@shared/shapes'
import { withinBounds, type ReadingLayout, type Settings } from '@shared/settings-shape'
import { ReaderAnnotationsLayer, useReaderAnnotations } from '../annotations/useReaderAnnotations'
import { useClient } from '../api/context'
import { ErrorBanner } from '../components/ErrorBanner'
import { formatDate } from '../format'
import { useGlossaryFix } from '../glossary/useGlossaryFix'
import { useMediaQuery } from '../hooks/useMediaQuery'
import { HelpOverlay } from '../components/HelpOverlay'
import { ModelOffer } from '../reader/ModelOffer'
import { ReaderGrid, sentenceKey } from '../reader/ReaderGrid'
import { FindBar } from '../reader/FindBar'
import { ReaderToolbar } from '../reader/ReaderToolbar'
import { ReadingProgress } from '../reader/ReadingProgress'
import { useArticleFind } from '../reader/useArticleFind'
import { useArticleTranslation } from '../reader/useArticleTranslation'
import { READER_SHORTCUTS, type ReaderAction } from '@shared/shortcuts'
import { useReaderKeys } from '../reader/useReaderKeys'
import { paragraphsInView, useVisibleParagraphs } from '../reader/useVisibleParagraphs'
import { libraryHref } from '../routes'
import { useSettings } from '../settings-context'

const LAYOUTS: ReadingLayout[] = ['side-by-side', 'interleaved', 'original', 'translation']
const THEMES: Settings['theme'][] = ['light', 'dark', 'sepia', 'system']
/** Below this width two columns are too narrow to read: side by side falls back to interleaved. */
const NARROW_QUERY = '(max-width: 899px)'

export function ReaderScreen({ articleId, paragraphId }: { articleId: string; paragraphId: string | null }) {
  const { t } = useTranslation()
  const client = useClient()
  const [article, setArticle] = useState<ReadingArticle | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    setArticle(null)
    setError(null)
    client.getArticle({ id: articleId }).then(
      (loaded) => current && setArticle(loaded),
      (e: Error) => current && setError(e.message),
    )
    return () => {
      current = false
    }
  }, [client, articleId])

  return (
    <div className="screen reader-screen">
      {error && (
        <>
          <ReaderToolbar.Back />
          <ErrorBanner message={error} />
        </>
      )}
      {!article && !error && <p className="muted reader-loading">{t('reader.loading')}</p>}
      {article && <Reader article={article} startAt={paragraphId ?? article.position} />}
    </div>
  )
}

function Reader({ article, startAt }: { article: ReadingArticle; startAt: string | null }) {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const { settings, update } = useSettings()
  // Without a choice for the article, the core picks the default engine.
  const [engine, setEngine] = useState<EngineId | undefined>(article.engine)
  const [to, setTo] = useState(settings.targetLanguage)
  const [engines, setEngines] = useState<EngineInfo[]>([])
  const [active, setActive] = useState<string | null>(null)
  const [pinned, setPinned] = useState(false)
  const [helpOpen, setHelpOpen] = useState(false)
  const [grid, setGrid] = useState<HTMLDivElement | null>(null)
  const narrow = useMediaQuery(NARROW_QUERY)

  const paragraphIds = useMemo(() => article.paragraphs.map((p) => p.id), [article])
  const initiallyVisible = useCallback(() => paragraphsInView(grid), [grid])
  const translation = useArticleTranslation(client, { articleId: article.id, paragraphIds, to, engine, initiallyVisible })
  const glossary = useGlossaryFix(client, article, to, translation.refresh)
  const [focusable, setFocusable] = useState<string>(sentenceKey({ paragraphId: paragraphIds[0]!, index: 0 }))

  useEffect(() => {
    void client.listEngines({}).then(setEngines, () => undefined)
  }, [client])

  /** A choice is kept for the article, and becomes the default for articles with none. */
  const chooseEngine = (chosen: EngineId) => {
    setEngine(chosen)
    void client.setArticleEngine({ id: article.id, engine: chosen }).catch(() => undefined)
    void update({ engine: chosen })
  }

  const onJumped = useCallback((key: string) => setFocusable(key), [])
  const notes = useReaderAnnotations({ articleId: article.id, grid, active, onJumped })
  const find = useArticleFind(grid)

  useRestoredPosition(grid, startAt, translation.status.engine !== null || translation.status.error !== null)
  const savePosition = usePositionSaver(article.id, paragraphIds)
  useVisibleParagraphs(grid, paragraphIds, translation.showing, (id) => {
    notes.setTopParagraph(id)
    savePosition(id)
  })

  const chosenLayout = settings.reading.layout
  const layout: ReadingLayout = narrow && chosenLayout === 'side-by-side' ? 'interleaved' : chosenLayout

  const moveFocus = (step: { paragraphs?: number; sentences?: number }) => {
    const current = parseKey(active ?? focusable, article)
    const next = stepFrom(current, step, article)
    const key = sentenceKey(next)
    setFocusable(key)
    setActive(key)
    grid?.querySelector<HTMLElement>(`[data-sentence="${key}"]`)?.focus()
  }

  useReaderKeys((action: ReaderAction) => {
    const reading = settings.reading
    const handlers: Record<ReaderAction, () => void> = {
      nextParagraph: () => moveFocus({ paragraphs: 1 }),
      previousParagraph: () => moveFocus({ paragraphs: -1 }),
      nextSentence: () => moveFocus({ sentences: 1 }),
      previousSentence: () => moveFocus({ sentences: -1 }),
      toggleLayout: () => void update({ reading: { layout: LAYOUTS[(LAYOUTS.indexOf(chosenLayout) + 1) % LAYOUTS.length] } }),
      swapSides: () => void update({ reading: { swapSides: !reading.swapSides } }),
      biggerText: () => void update({ reading: { fontSize: withinBounds('fontSize', reading.fontSize + 1) } }),
      smallerText: () => void update({ reading: { fontSize: withinBounds('fontSize', reading.fontSize - 1) } }),
      cycleTheme: () => void update({ theme: THEMES[(THEMES.indexOf(settings.theme) + 1) % THEMES.length] }),
      toggleBookmark: notes.toggleCurrentBookmark,
      toggleNotes: notes.toggleNotes,
      search: () => (window.location.hash = '#/?search'),
      back: () => (window.location.hash = libraryHref),
      help: () => setHelpOpen((open) => !open),
      escape: () => {
        if (helpOpen) setHelpOpen(false)
        else if (pinned) setPinned(false)
        else if (notes.notesOpen) notes.closeNotes()
        else setActive(null)
      },
    }
    handlers[action]()
  })

  const meta = [formatDate(article.publishedAt, i18n.language), article.byline, article.source].filter(Boolean).join(' · ')

  return (
    <>
      <ReaderToolbar
        title={article.title}
        status={translation.status}
        engines={engines}
        engine={engine}
        from={article.lang}
        to={to}
        layout={layout}
        narrowWindow={layout !== chosenLayout}
        swapSides={settings.reading.swapSides}
        onEngine={chooseEngine}
        onTarget={setTo}
        onLayout={(next) => void update({ reading: { layout: next } })}
        onSwap={() => void update({ reading: { swapSides: !settings.reading.swapSides } })}
        onHelp={() => setHelpOpen(true)}
        notesOpen={notes.notesOpen}
        onNotes={notes.toggleNotes}
      />
      <main className={`reader ${notes.notesOpen ? 'with-notes' : ''}`} lang={article.lang}>
        <header className="reader-header">
          <h1>{article.title}</h1>
          {translation.title && (
            <p className="translated-title" lang={to} data-testid="translated-title">
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
        <div ref={setGrid}>
          <ReaderGrid
            paragraphs={article.paragraphs}
            translations={translation.paragraphs}
            layout={layout}
            swapSides={settings.reading.swapSides}
            sourceLang={article.lang}
            targetLang={to}
            active={active}
            pinned={pinned}
            focusable={focusable}
            onActivate={setActive}
            onPin={(key) => {
              const unpin = pinned && active === key
              setPinned(!unpin)
              setActive(unpin ? null : key)
              setFocusable(key)
            }}
            onRetranslate={(id) => void translation.retranslate(id)}
            marks={notes.marks}
            onToggleBookmark={notes.onToggleBookmark}
            onShowNotes={notes.onShowNotes}
            translationNotice={
              translation.status.error && (
                <ModelOffer
                  error={translation.status.error}
                  engines={engines}
                  from={article.lang}
                  to={to}
                  onModelsChanged={translation.retry}
                />
              )
            }
          />
        </div>
      </main>
      <ReaderAnnotationsLayer layer={notes.layer} languages={{ from: article.lang, to }} glossary={glossary} />
      <FindBar find={find} />
      <ReadingProgress />
      {helpOpen && (
        <HelpOverlay
          shortcuts={[
            ...READER_SHORTCUTS.map(({ keys, action }) => ({ keys, label: t(`help.${action}`) })),
            { keys: ['Enter'], label: t('help.pin') },
            { keys: [navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl', 'F'], label: t('help.find'), together: true },
          ]}
          onClose={() => setHelpOpen(false)}
        />
      )}
    </>
  )
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
function useRestoredPosition(grid: HTMLElement | null, paragraphId: string | null, settled: boolean) {
  const restored = useRef<string | null | undefined>(undefined)
  useEffect(() => {
    if (restored.current === paragraphId || !grid || !settled) return
    // A later link to another paragraph of the same article (`#/article/<id>/p7`) goes there too.
    const first = restored.current === undefined
    restored.current = paragraphId
    if (!paragraphId || (first && paragraphId === 'p1')) return
    requestAnimationFrame(() => grid.querySelector(`[data-paragraph="${paragraphId}"]`)?.scrollIntoView({ block: 'start' }))
  }, [grid, paragraphId, settled])
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
