import type { ArticleSummary, ImportResult, SearchHit } from '@shared/shapes'
import { LIBRARY_SHORTCUTS, type LibraryAction } from '@shared/shortcuts'
import { type DragEvent, type RefObject, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { ClientError } from '../api/client-error'
import { useClient } from '../api/context'
import { AppHeader } from '../components/AppHeader'
import { ArticleList } from '../components/ArticleList'
import { ErrorBanner } from '../components/ErrorBanner'
import { bindFilter, type FilterSelectProps, FilterSelects, tagOptions } from '../components/FilterSelect'
import { HelpOverlay } from '../components/HelpOverlay'
import { ImportBar } from '../components/ImportBar'
import { importNotice, ImportProgressBar, ImportSummaryPanel } from '../components/ImportStatus'
import { SearchBox } from '../components/SearchBox'
import { SearchResults } from '../components/SearchResults'
import { UndoToast } from '../components/UndoToast'
import { useBatchImport } from '../hooks/useBatchImport'
import { useCoreData } from '../hooks/useCoreData'
import { useLibrary } from '../hooks/useLibrary'
import { useLibraryKeys } from '../hooks/useLibraryKeys'
import { useListSelection } from '../hooks/useListSelection'
import { useSettled } from '../hooks/useSettled'
import { useCoreMessage } from '../i18n/core-messages'
import { applyFilter, defaultFilter, facetsOf, type LibraryFilter, type SortKey, sortKeys } from '../library-view'
import { articleHref } from '../routes'

const SEARCH_DELAY_MS = 120

export function LibraryScreen({ focusSearch = false }: { focusSearch?: boolean }) {
  const { t } = useTranslation()
  const client = useClient()
  const { articles, error: loadError } = useLibrary()
  const batch = useBatchImport(client)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [filter, setFilter] = useState<LibraryFilter>(defaultFilter)
  const [query, setQuery] = useState('')
  const hits = useSearch(query)
  const [deleted, setDeleted] = useState<ArticleSummary | null>(null)
  const coreMessage = useCoreMessage()
  /** A web address on this computer or the local network, waiting for the reader to say it may be imported. */
  const [privateUrl, setPrivateUrl] = useState<{ url: string; message: string } | null>(null)
  const [dragging, setDragging] = useState(false)

  const shown = useMemo(() => (articles ? applyFilter(articles, filter) : null), [articles, filter])
  const facets = useMemo(() => facetsOf(articles ?? []), [articles])
  const searching = query.trim() !== ''
  const rowIds = useMemo(() => ((searching ? hits : shown) ?? []).map((row) => row.id), [searching, hits, shown])
  const selection = useListSelection(rowIds)
  const searchBox = useRef<HTMLInputElement>(null)
  const [helpOpen, setHelpOpen] = useState(false)

  useLibraryKeys((action, event) => {
    const handlers: Record<LibraryAction, () => boolean | void> = {
      search: () => {
        searchBox.current?.focus()
        searchBox.current?.select()
      },
      nextArticle: () => selection.move(1),
      previousArticle: () => selection.move(-1),
      openArticle: () => {
        // A focused link or button does its own Enter.
        if (selection.selectedId === null || (event.target as Element).closest('a, button')) return false
        window.location.hash = articleHref(selection.selectedId)
      },
      help: () => setHelpOpen(true),
    }
    return handlers[action]()
  })

  async function importOne(work: () => Promise<ImportResult>, url?: string): Promise<boolean> {
    setBusy(true)
    setError(null)
    setPrivateUrl(null)
    batch.dismissSummary()
    try {
      setNotice(importNotice(t, await work()))
      return true
    } catch (e) {
      if (url && ClientError.from(e).messageCode === 'private_address') setPrivateUrl({ url, message: coreMessage(e) })
      else setError(coreMessage(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  async function remove(article: ArticleSummary) {
    try {
      await client.deleteArticle({ id: article.id })
      setDeleted(article)
    } catch (e) {
      setError(coreMessage(e))
    }
  }

  async function undoDelete() {
    if (!deleted) return
    setDeleted(null)
    await client.restoreArticle({ id: deleted.id }).catch((e: unknown) => setError(coreMessage(e)))
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    setNotice(null)
    void batch.importFiles([...event.dataTransfer.files], { onlyArticleFiles: false })
  }

  return (
    <div
      className="screen library-screen"
      onDragOver={(event) => {
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(event) => event.currentTarget === event.target && setDragging(false)}
      onDrop={onDrop}
    >
      <AppHeader>
        <ImportBar
          busy={busy || batch.progress !== null}
          onFiles={(files, options) => {
            setNotice(null)
            void batch.importFiles(files, options)
          }}
          onPaste={(text) => importOne(() => client.importText({ text }))}
          onUrl={(url) => importOne(() => client.importUrl({ url }), url)}
        />
      </AppHeader>
      <main className="library-main">
        {(error ?? loadError) && <ErrorBanner message={error ?? coreMessage(loadError)} onDismiss={() => setError(null)} />}
        {privateUrl && (
          <div className="banner banner-error" role="alert">
            <span>{privateUrl.message}</span>
            <button
              type="button"
              onClick={() => void importOne(() => client.importUrl({ url: privateUrl.url, allowPrivateAddress: true }))}
            >
              {t('library.importAnyway')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setPrivateUrl(null)}>
              {t('library.cancel')}
            </button>
          </div>
        )}
        <p className="notice" role="status" aria-live="polite">
          {busy ? t('library.importing') : notice}
        </p>
        {batch.progress && <ImportProgressBar progress={batch.progress} />}
        {batch.summary && <ImportSummaryPanel summary={batch.summary} onDismiss={batch.dismissSummary} />}
        <LibraryControls
          query={query}
          onQuery={setQuery}
          filter={filter}
          onFilter={setFilter}
          facets={facets}
          searching={searching}
          focusSearch={focusSearch}
          searchBox={searchBox}
          onToRows={selection.first}
        />
        {searching ? (
          <SearchResults
            query={query}
            hits={hits}
            selectedId={selection.selectedId}
            takeFocusRequest={selection.takeFocusRequest}
            onSelect={(hit) => selection.select(hit.id)}
          />
        ) : shown === null ? (
          <p className="muted">{t('library.loading')}</p>
        ) : articles?.length === 0 ? (
          <p className="empty-state">{t('library.empty')}</p>
        ) : shown.length === 0 ? (
          <p className="empty-state">{t('library.noneMatch')}</p>
        ) : (
          <>
            <h1 className="section-heading">
              {t('library.heading')} <span className="muted">· {t('library.count', { count: shown.length })}</span>
            </h1>
            <ArticleList
              articles={shown}
              selectedId={selection.selectedId}
              takeFocusRequest={selection.takeFocusRequest}
              takeScrollRequest={selection.takeScrollRequest}
              onSelect={(article) => selection.select(article.id)}
              onDelete={(article) => void remove(article)}
              onSetTags={(article, tags) => void client.setTags({ id: article.id, tags }).catch((e: unknown) => setError(coreMessage(e)))}
            />
          </>
        )}
      </main>
      {deleted && (
        <UndoToast
          message={t('library.deleted', { title: deleted.title })}
          onUndo={() => void undoDelete()}
          onExpire={() => setDeleted(null)}
        />
      )}
      {helpOpen && (
        <HelpOverlay
          shortcuts={LIBRARY_SHORTCUTS.map(({ keys, action }) => ({ keys, label: t(`help.${action}`) }))}
          onClose={() => setHelpOpen(false)}
        />
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t('library.dropHere')}
        </div>
      )}
    </div>
  )
}

/** Live search: asks the core a moment after the user stops typing, and shows only the latest query's answer. */
function useSearch(query: string): SearchHit[] | null {
  const typed = query.trim()
  const asked = useSettled(typed, SEARCH_DELAY_MS)
  const hits = useCoreData((client) => (asked ? client.search({ query: asked }) : Promise.resolve(null)), { key: asked })
  if (asked !== typed) return null
  return hits.error ? [] : hits.data
}

interface ControlsProps {
  query: string
  onQuery: (query: string) => void
  filter: LibraryFilter
  onFilter: (filter: LibraryFilter) => void
  facets: { languages: string[]; tags: string[] }
  searching: boolean
  focusSearch: boolean
  searchBox: RefObject<HTMLInputElement | null>
  /** Enter or ↓ in the search box: to the first row, where j and k go on. */
  onToRows: () => void
}

function LibraryControls({ query, onQuery, filter, onFilter, facets, searching, focusSearch, searchBox, onToRows }: ControlsProps) {
  const { t } = useTranslation()
  const set = <K extends keyof LibraryFilter>(key: K, value: LibraryFilter[K]) => onFilter({ ...filter, [key]: value })
  const field = bindFilter(filter, set)
  const sortOptions = sortKeys.map((key): [SortKey, string] => [key, t(`library.sort.${key}`)])
  const languageOptions = facets.languages.map((lang): [string, string] => [lang, t(`language.${lang}`, { defaultValue: lang })])
  const filters: FilterSelectProps<string>[] = [
    { label: t('library.sortLabel'), options: sortOptions, ...field('sort') },
    { label: t('library.languageFilter'), all: t('library.allLanguages'), options: languageOptions, ...field('language') },
    { label: t('library.tagFilter'), all: t('library.allTags'), options: tagOptions(facets.tags), ...field('tag') },
  ]
  return (
    <div className="library-controls">
      <SearchBox
        label={t('library.searchLabel')}
        placeholder={t('library.searchPlaceholder')}
        value={query}
        onQuery={onQuery}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== 'ArrowDown') return
          event.preventDefault()
          onToRows()
        }}
        ref={searchBox}
        autoFocus={focusSearch}
      />
      <fieldset className="filters" disabled={searching}>
        <FilterSelects filters={filters} />
        <label className="checkbox">
          <input type="checkbox" checked={filter.unreadOnly} onChange={(event) => set('unreadOnly', event.target.checked)} />
          {t('library.unreadOnly')}
        </label>
      </fieldset>
    </div>
  )
}
