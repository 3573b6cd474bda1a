import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Article } from '../../../main/api/contract'
import { useClient } from '../api/context'
import { ErrorBanner } from '../components/ErrorBanner'
import { formatDate } from '../format'
import { libraryHref } from '../routes'

export function ReaderScreen({ articleId }: { articleId: string }) {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const [article, setArticle] = useState<Article | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    setArticle(null)
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
      <nav className="reader-bar">
        <a className="button button-quiet" href={libraryHref}>
          ← {t('reader.back')}
        </a>
        {article && <span className="reader-bar-title">{article.title}</span>}
      </nav>
      {error && <ErrorBanner message={error} />}
      {!article && !error && <p className="muted reader-loading">{t('reader.loading')}</p>}
      {article && (
        <article className="reader" lang={article.lang}>
          <header className="reader-header">
            <h1>{article.title}</h1>
            <p className="article-meta">{[formatDate(article.publishedAt, i18n.language), article.source].filter(Boolean).join(' · ')}</p>
          </header>
          <div className="panes">
            <section className="pane" data-testid="pane-original" aria-label={t('reader.original')}>
              <h2 className="pane-label">{t('reader.original')}</h2>
              {article.paragraphs.map((paragraph) => (
                <p key={paragraph.id} id={paragraph.id} className="paragraph">
                  {paragraph.text}
                </p>
              ))}
            </section>
            <section className="pane pane-translation" data-testid="pane-translation" aria-label={t('reader.translation')}>
              <h2 className="pane-label">{t('reader.translation')}</h2>
              <div className="empty-translation" data-state="no-engine">
                <h3>{t('reader.noEngineTitle')}</h3>
                <p>{t('reader.noEngineBody')}</p>
              </div>
            </section>
          </div>
        </article>
      )}
    </div>
  )
}
