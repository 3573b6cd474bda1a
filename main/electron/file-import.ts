/** The words that report an import the user made from the desktop menu. Pure Node, so it is unit tested. */
import type { ImportOutcome } from '../api/contract'

export interface ImportSummary {
  imported: number
  duplicates: number
  failed: number
  /** One line for a message box. */
  message: string
  /** The failures, one per line, for the box's detail. */
  detail: string
  /** The article to open: set when exactly one file was sent and it is now in the library. */
  openArticleId: string | null
}

export function summarizeImport(outcomes: readonly ImportOutcome[]): ImportSummary {
  const count = (status: ImportOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length
  const imported = count('imported')
  const duplicates = count('duplicate')
  const failed = count('failed')
  const only = outcomes.length === 1 ? outcomes[0]! : null
  const openArticleId = only && only.status !== 'failed' ? only.article.id : null
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const message =
    outcomes.length === 0
      ? 'No article file (.txt, .md, .html) to import.'
      : [
          `Imported ${plural(imported, 'article', 'articles')}`,
          duplicates > 0 ? `${duplicates} already in the library` : '',
          failed > 0 ? `${failed} failed` : '',
        ]
          .filter(Boolean)
          .join(', ') + '.'
  const detail = outcomes.flatMap((outcome) => (outcome.status === 'failed' ? [outcome.error.message] : [])).join('\n')
  return { imported, duplicates, failed, message, detail, openArticleId }
}
