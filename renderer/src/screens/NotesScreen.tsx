import { type AnnotationColor, annotationColors, type PlacedAnnotation } from '@shared/shapes'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { AnnotationBody, AnnotationHeading } from '../annotations/AnnotationView'
import { ExportButtons } from '../annotations/ExportButtons'
import { inReadingOrder, placeOf } from '../annotations/useAnnotations'
import { AppHeader } from '../components/AppHeader'
import { ErrorBanner } from '../components/ErrorBanner'
import { bindFilter, type FilterSelectProps, FilterSelects, tagOptions } from '../components/FilterSelect'
import { SearchBox } from '../components/SearchBox'
import { Tags } from '../components/Tags'
import { formatDate } from '../format'
import { useCoreData } from '../hooks/useCoreData'
import { useSettled } from '../hooks/useSettled'
import { useCoreMessage } from '../i18n/core-messages'
import { articleHref } from '../routes'

const SEARCH_DELAY_MS = 150

interface Filter {
  query: string
  articleId: string
  tag: string
  color: AnnotationColor | ''
}

/** Every note, highlight and bookmark of the library: searched, filtered, each a link to its place; exported. */
export function NotesScreen() {
  const { t, i18n } = useTranslation()
  const [filter, setFilter] = useState<Filter>({ query: '', articleId: '', tag: '', color: '' })
  const { all, found, error } = useLibraryAnnotations(filter)
  const coreMessage = useCoreMessage()
  const facets = useMemo(() => facetsOf(all ?? []), [all])
  const set = <K extends keyof Filter>(key: K, value: Filter[K]) => setFilter((current) => ({ ...current, [key]: value }))

  const field = bindFilter(filter, set)
  const colorOptions = annotationColors.map((color): [AnnotationColor, string] => [color, t(`notes.colors.${color}`)])
  const filters: FilterSelectProps<string>[] = [
    { label: t('notes.articleFilter'), all: t('notes.allArticles'), options: facets.articles, ...field('articleId') },
    { label: t('notes.tagFilter'), all: t('notes.allTags'), options: tagOptions(facets.tags), ...field('tag') },
    { label: t('notes.colorFilter'), all: t('notes.allColors'), options: colorOptions, ...field('color') },
  ]

  return (
    <div className="screen notes-screen">
      <AppHeader />
      <main className="notes-main">
        <div className="notes-title-row">
          <h1 className="settings-title">{t('notes.title')}</h1>
          <ExportButtons label={t('notes.exportAll')} />
        </div>
        {error && <ErrorBanner message={coreMessage(error)} />}
        <div className="library-controls notes-controls">
          <SearchBox
            label={t('notes.searchLabel')}
            placeholder={t('notes.searchPlaceholder')}
            value={filter.query}
            onQuery={(query) => set('query', query)}
          />
          <div className="filters">
            <FilterSelects filters={filters} />
          </div>
        </div>
        {all?.length === 0 ? (
          <p className="empty-state">{t('notes.libraryEmpty')}</p>
        ) : found === null ? (
          <p className="muted">{t('notes.loading')}</p>
        ) : found.length === 0 ? (
          <p className="empty-state">{t('notes.noneMatch')}</p>
        ) : (
          <>
            <p className="section-heading">{t('notes.count', { count: found.length })}</p>
            {byArticle(found).map(({ articleId, title, items }) => (
              <section key={articleId} className="note-group" aria-label={title}>
                <h2 className="note-group-title">
                  <a href={articleHref(articleId)}>{title}</a>
                </h2>
                <ul className="note-cards">
                  {items.map((a) => (
                    <NoteCard key={a.id} annotation={a} locale={i18n.language} />
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </main>
    </div>
  )
}

/** One annotation, a link to its paragraph in the reader. */
function NoteCard({ annotation: a, locale }: { annotation: PlacedAnnotation; locale: string }) {
  return (
    <li data-testid="note-card">
      <a className="note-card" href={articleHref(a.articleId, placeOf(a))}>
        <AnnotationHeading annotation={a}>
          <span className="note-card-date">{formatDate(a.created.slice(0, 10), locale)}</span>
        </AnnotationHeading>
        <AnnotationBody annotation={a} />
        {a.note && <span className="annotation-note">{a.note}</span>}
        {a.tags.length > 0 && (
          <span className="article-tags note-card-tags">
            <Tags tags={a.tags} />
          </span>
        )}
      </a>
    </li>
  )
}

/** The annotations found, by article (the one noted most recently first), each article's in reading order. */
function byArticle(found: PlacedAnnotation[]) {
  const groups = new Map<string, { articleId: string; title: string; items: PlacedAnnotation[] }>()
  for (const a of found) {
    const group = groups.get(a.articleId) ?? { articleId: a.articleId, title: a.articleTitle, items: [] }
    group.items.push(a)
    groups.set(a.articleId, group)
  }
  return [...groups.values()].map((group) => ({ ...group, items: inReadingOrder(group.items) }))
}

const CHANGES = ['annotations.changed', 'library.changed'] as const

/** All the library's annotations (for the filters' choices) and those the filter finds, both kept current. */
function useLibraryAnnotations(filter: Filter) {
  const all = useCoreData((client) => client.searchAnnotations({}), { events: CHANGES })
  const asked = useSettled(filter, SEARCH_DELAY_MS)
  const found = useCoreData((client) => client.searchAnnotations(searchOf(asked)), {
    events: CHANGES,
    key: JSON.stringify(asked),
    keepPreviousData: true,
  })
  return { all: all.data, found: found.data, error: found.error ?? all.error }
}

function searchOf({ query, articleId, tag, color }: Filter) {
  const words = query.trim()
  return { ...(words && { query: words }), ...(articleId && { articleId }), ...(tag && { tag }), ...(color && { color }) }
}

function facetsOf(list: PlacedAnnotation[]) {
  const articles = new Map(list.map((a) => [a.articleId, a.articleTitle]))
  return {
    articles: [...articles].sort((a, b) => a[1].localeCompare(b[1])),
    tags: [...new Set(list.flatMap((a) => a.tags))].sort((a, b) => a.localeCompare(b)),
  }
}
