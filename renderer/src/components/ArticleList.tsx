import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../../main/api/contract'
import { formatDate } from '../format'
import { articleHref } from '../routes'

interface ArticleListProps {
  articles: ArticleSummary[]
  onDelete: (article: ArticleSummary) => void
  onSetTags: (article: ArticleSummary, tags: string[]) => void
}

/** The library, virtualised: only the rows in view are in the page, so 10,000 articles scroll as smoothly as 10. */
export function ArticleList({ articles, onDelete, onSetTags }: ArticleListProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: articles.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 92,
    overscan: 8,
    getItemKey: (index) => articles[index]!.id,
  })

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
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ArticleRow article={article} onDelete={onDelete} onSetTags={onSetTags} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}

function ArticleRow({ article, onDelete, onSetTags }: { article: ArticleSummary } & Omit<ArticleListProps, 'articles'>) {
  const { t, i18n } = useTranslation()
  const [editingTags, setEditingTags] = useState(false)
  const meta = [
    article.source,
    formatDate(article.publishedAt, i18n.language),
    t('library.words', { count: article.wordCount }),
    t(`language.${article.lang}`, { defaultValue: article.lang }),
    article.progress > 0 ? t('library.progress', { percent: Math.round(article.progress * 100) }) : t('library.unread'),
  ].filter(Boolean)

  return (
    <div className="article-row">
      <a className="article-link" href={articleHref(article.id)} aria-label={t('library.open', { title: article.title })}>
        <span className="article-title" lang={article.lang}>
          {article.title}
        </span>
        <span className="article-meta">{meta.join(' · ')}</span>
      </a>
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
          <>
            {article.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
            <button type="button" className="button-quiet button-small" onClick={() => setEditingTags(true)}>
              {t('library.editTags')}
            </button>
            <button
              type="button"
              className="button-quiet button-small button-danger"
              onClick={() => onDelete(article)}
              aria-label={t('library.deleteNamed', { title: article.title })}
            >
              {t('library.delete')}
            </button>
          </>
        )}
      </div>
    </div>
  )
}

function TagEditor({ tags, onDone }: { tags: string[]; onDone: (tags: string[] | null) => void }) {
  const { t } = useTranslation()
  const [value, setValue] = useState(tags.join(', '))
  const save = () =>
    onDone(
      value
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    )
  return (
    <form
      className="tag-editor"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <input
        aria-label={t('library.tagsLabel')}
        placeholder={t('library.tagsPlaceholder')}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onDone(null)}
        autoFocus
      />
      <button type="submit" className="button button-small">
        {t('library.saveTags')}
      </button>
    </form>
  )
}
