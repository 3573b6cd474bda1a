import { type ArticleSummary, translationStateOf } from '@shared/shapes'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { formatDate } from '../format'
import { articleHref } from '../routes'
import { useSettings } from '../settings-context'
import { MoreMenu } from './MoreMenu'
import { SmallButton } from './SmallButton'
import { Tags, tagsIn, TagsInput } from './Tags'

interface ArticleListProps {
  articles: ArticleSummary[]
  /** The row chosen with the keyboard (j/k) or focused, scrolled into view. */
  selectedId: string | null
  /** True once for a row the keyboard moved to: it takes the focus when it is in the page. */
  takeFocusRequest: (id: string) => boolean
  /** True once for a row the keyboard moved to: the list scrolls it into view. */
  takeScrollRequest: (id: string) => boolean
  onSelect: (article: ArticleSummary) => void
  onDelete: (article: ArticleSummary) => void
  onSetTags: (article: ArticleSummary, tags: string[]) => void
}

type RowProps = Omit<ArticleListProps, 'articles' | 'selectedId' | 'takeScrollRequest'> & { article: ArticleSummary; selected: boolean }

/** The library, virtualised: only the rows in view are in the page, so 10,000 articles scroll as smoothly as 10. */
export function ArticleList({ articles, selectedId, takeScrollRequest, ...rowProps }: ArticleListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: articles.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 120,
    overscan: 8,
    getItemKey: (index) => articles[index]!.id,
  })
  const selectedIndex = articles.findIndex((article) => article.id === selectedId)
  useEffect(() => {
    if (selectedId !== null && selectedIndex >= 0 && takeScrollRequest(selectedId)) virtualizer.scrollToIndex(selectedIndex)
  }, [selectedId, selectedIndex, takeScrollRequest, virtualizer])

  return (
    <div ref={scroller} className="article-scroller">
      <ul className="article-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const article = articles[row.index]!
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              data-testid="article-item"
              className="article-item"
              aria-current={row.index === selectedIndex || undefined}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ArticleRow article={article} selected={row.index === selectedIndex} {...rowProps} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}

function ArticleRow({ article, selected, takeFocusRequest, onSelect, onDelete, onSetTags }: RowProps) {
  const { t, i18n } = useTranslation()
  const [editingTags, setEditingTags] = useState(false)
  const link = useRef<HTMLAnchorElement>(null)
  // ArticleList scrolled the row into view already: focusing it must not scroll again.
  useEffect(() => {
    if (selected && takeFocusRequest(article.id)) link.current?.focus({ preventScroll: true })
  }, [selected, takeFocusRequest, article.id])
  const meta = [
    article.source,
    formatDate(article.publishedAt, i18n.language),
    t('library.words', { count: article.wordCount }),
    t(`language.${article.lang}`, { defaultValue: article.lang }),
  ].filter(Boolean)

  return (
    <div className="article-row">
      <div className="article-main">
        <a
          ref={link}
          className="article-link"
          href={articleHref(article.id)}
          aria-label={t('library.open', { title: article.title })}
          onFocus={() => onSelect(article)}
        >
          <span className="article-title" lang={article.lang}>
            {article.title}
          </span>
          {article.excerpt && (
            <span className="article-excerpt" lang={article.lang} data-testid="article-excerpt">
              {article.excerpt}
            </span>
          )}
        </a>
        <div className="article-facts">
          <TranslationBadge article={article} />
          <ReadProgress progress={article.progress} />
          <span className="article-meta">{meta.join(' · ')}</span>
        </div>
      </div>
      <div className="article-tags">
        {editingTags ? (
          <TagEditor
            tags={article.tags}
            onDone={(tags) => {
              setEditingTags(false)
              if (tags) onSetTags(article, tags)
            }}
          />
        ) : (
          <Tags tags={article.tags} />
        )}
      </div>
      <MoreMenu label={t('library.actions', { title: article.title })}>
        <button type="button" className="button" onClick={() => setEditingTags(true)}>
          {t('library.editTags')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onDelete(article)}
          aria-label={t('library.deleteNamed', { title: article.title })}
        >
          {t('library.delete')}
        </button>
      </MoreMenu>
    </div>
  )
}

/** Whether the article is translated into the target language, how far, and by which engine, as the core last recorded it. */
function TranslationBadge({ article }: { article: ArticleSummary }) {
  const { t } = useTranslation()
  const translation = translationStateOf(article.translation, useSettings().settings.targetLanguage)
  const label =
    translation.state === 'none'
      ? t('library.translation.none')
      : t(`library.translation.${translation.state}`, {
          engine: t(`engines.${translation.engine}`),
          percent: translation.state === 'partial' ? translation.percent : 100,
        })
  return (
    <span className="translation-badge" data-state={translation.state} data-testid="translation-state">
      {label}
    </span>
  )
}

/** The share of the article read, as a short bar like the reader's, with its words. */
function ReadProgress({ progress }: { progress: number }) {
  const { t } = useTranslation()
  const percent = Math.round(progress * 100)
  const label = percent > 0 ? t('library.progress', { percent }) : t('library.unread')
  return (
    <span className="read-progress" data-testid="read-progress">
      <span
        className="read-progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ transform: `scaleX(${progress})` }} />
      </span>
      {label}
    </span>
  )
}

function TagEditor({ tags, onDone }: { tags: string[]; onDone: (tags: string[] | null) => void }) {
  const { t } = useTranslation()
  const [value, setValue] = useState(tags.join(', '))
  const save = () => onDone(tagsIn(value))
  return (
    <form
      className="tag-editor"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <TagsInput of="library" value={value} onChange={setValue} onCancel={() => onDone(null)} autoFocus />
      <SmallButton type="submit">{t('library.saveTags')}</SmallButton>
    </form>
  )
}
