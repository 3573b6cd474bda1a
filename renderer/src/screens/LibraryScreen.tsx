import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary, ImportResult } from '../../../main/api/contract'
import { useClient } from '../api/context'
import { ErrorBanner } from '../components/ErrorBanner'
import { formatDate } from '../format'
import { articleHref } from '../routes'

export function LibraryScreen() {
  const { t } = useTranslation()
  const client = useClient()
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [pasting, setPasting] = useState(false)
  const [busy, setBusy] = useState(false)

  const reload = useCallback(() => {
    client.listArticles({}).then(setArticles, (e: Error) => setError(e.message))
  }, [client])

  useEffect(() => {
    reload()
    return client.onEvent((event) => {
      if (event.type === 'library.changed') reload()
    })
  }, [client, reload])

  const runImport = async (work: () => Promise<ImportResult>) => {
    setBusy(true)
    setError(null)
    try {
      const { status, article } = await work()
      setNotice(t(status === 'duplicate' ? 'library.duplicate' : 'library.imported', { title: article.title }))
      reload()
      return true
    } catch (e) {
      setError((e as Error).message)
      return false
    } finally {
      setBusy(false)
    }
  }

  const importFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])]
    event.target.value = ''
    for (const file of files) {
      await runImport(async () => client.importFile({ fileName: file.name, base64: await toBase64(file) }))
    }
  }

  return (
    <div className="screen library-screen">
      <header className="app-header">
        <div>
          <h1 className="app-name">{t('app.name')}</h1>
          <p className="app-tagline">{t('app.tagline')}</p>
        </div>
        <ImportButtons busy={busy} onPaste={() => setPasting(true)} onFiles={importFiles} />
      </header>
      <main className="library-main">
        {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
        <p className="notice" role="status" aria-live="polite">
          {busy ? t('library.importing') : notice}
        </p>
        {pasting && (
          <PastePanel
            busy={busy}
            onCancel={() => setPasting(false)}
            onImport={async (text) => {
              if (await runImport(() => client.importText({ text }))) setPasting(false)
            }}
          />
        )}
        <ArticleList articles={articles} />
      </main>
    </div>
  )
}

function ImportButtons({
  busy,
  onPaste,
  onFiles,
}: {
  busy: boolean
  onPaste: () => void
  onFiles: (e: ChangeEvent<HTMLInputElement>) => void
}) {
  const { t } = useTranslation()
  const fileInput = useRef<HTMLInputElement>(null)
  return (
    <div className="toolbar">
      <button type="button" className="button" onClick={onPaste} disabled={busy}>
        {t('library.pasteButton')}
      </button>
      <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()} disabled={busy}>
        {t('library.fileButton')}
      </button>
      <input
        ref={fileInput}
        data-testid="import-file-input"
        type="file"
        accept=".txt,.md,.markdown,text/plain,text/markdown"
        multiple
        hidden
        onChange={onFiles}
      />
    </div>
  )
}

function PastePanel({ busy, onCancel, onImport }: { busy: boolean; onCancel: () => void; onImport: (text: string) => void }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  return (
    <form
      className="paste-panel"
      onSubmit={(event) => {
        event.preventDefault()
        onImport(text)
      }}
    >
      <label htmlFor="paste-text">{t('library.pasteLabel')}</label>
      <textarea
        id="paste-text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={t('library.pastePlaceholder')}
        rows={10}
        autoFocus
      />
      <div className="toolbar">
        <button type="button" className="button" onClick={onCancel}>
          {t('library.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy || text.trim() === ''}>
          {t('library.importPasted')}
        </button>
      </div>
    </form>
  )
}

function ArticleList({ articles }: { articles: ArticleSummary[] | null }) {
  const { t, i18n } = useTranslation()
  if (articles === null) return <p className="muted">{t('library.loading')}</p>
  if (articles.length === 0) return <p className="empty-state">{t('library.empty')}</p>
  return (
    <section aria-labelledby="library-heading">
      <h2 id="library-heading" className="section-heading">
        {t('library.heading')} <span className="muted">· {t('library.count', { count: articles.length })}</span>
      </h2>
      <ul className="article-list">
        {articles.map((article) => (
          <li key={article.id} data-testid="article-item" className="article-item">
            <a href={articleHref(article.id)} aria-label={t('library.open', { title: article.title })}>
              <span className="article-title" lang={article.lang}>
                {article.title}
              </span>
              <span className="article-meta">
                {[
                  formatDate(article.publishedAt, i18n.language),
                  t(`language.${article.lang}`, { defaultValue: article.lang }),
                  t('library.paragraphs', { count: article.paragraphCount }),
                  t('library.words', { count: article.wordCount }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
