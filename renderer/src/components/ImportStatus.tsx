import type { ImportResult } from '@shared/shapes'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

import type { ImportProgress, ImportSummary } from '../hooks/useBatchImport'
import { useCoreMessage } from '../i18n/core-messages'

/** What one import did, in words: imported, or already there (under another title, if this copy had one). */
export function importNotice(t: TFunction, { status, article, importedTitle, structureAdded }: ImportResult): string {
  if (status === 'imported') return t('library.imported', { title: article.title })
  if (structureAdded) return t('library.structureAdded', { title: article.title })
  return importedTitle
    ? t('library.duplicateOtherTitle', { title: article.title, other: importedTitle })
    : t('library.duplicate', { title: article.title })
}

export function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const { t } = useTranslation()
  return (
    <div className="import-progress">
      <label htmlFor="import-progress">{t('library.importingCount', { done: progress.done, total: progress.total })}</label>
      <progress id="import-progress" max={progress.total} value={progress.done} />
    </div>
  )
}

export function ImportSummaryPanel({ summary, onDismiss }: { summary: ImportSummary; onDismiss: () => void }) {
  const { t } = useTranslation()
  const coreMessage = useCoreMessage()
  const single = summary.single
  const headline =
    single && single.status !== 'failed'
      ? importNotice(t, single)
      : t('library.summary', { imported: summary.imported, duplicates: summary.duplicates, failed: summary.failed.length })
  return (
    <section className={`import-summary ${summary.failed.length > 0 ? 'has-failures' : ''}`} role="status" data-testid="import-summary">
      <div className="import-summary-head">
        <strong>{headline}</strong>
        <button type="button" className="button-quiet button-small" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      </div>
      {summary.notInFrench.length > 0 && (
        <p>{t('library.notInFrench', { files: summary.notInFrench.map((outcome) => outcome.fileName).join(', ') })}</p>
      )}
      {summary.failed.length > 0 && (
        <ul className="import-failures">
          {summary.failed.map((outcome) => (
            <li key={outcome.fileName}>{outcome.status === 'failed' && coreMessage(outcome.error)}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
