import { type ExportFile, type ExportFormat, exportFormats } from '@shared/shapes'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useClient } from '../api/context'
import { csvDelimiterFor } from '../format'
import { useCoreMessage } from '../i18n/core-messages'

/** The formats' own names, the same in every language. */
const FORMAT_NAMES: Record<ExportFormat, string> = { md: 'Markdown', json: 'JSON', csv: 'CSV', anki: 'Anki' }

/** One button per export format: the file is made by the core and saved through the browser's download. */
export function ExportButtons({ articleId, label }: { articleId?: string; label: string }) {
  const { t, i18n } = useTranslation()
  const client = useClient()
  const coreMessage = useCoreMessage()
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)

  async function exportAs(format: ExportFormat) {
    try {
      const delimiter = format === 'csv' ? csvDelimiterFor(i18n.language) : undefined
      const file = await client.exportAnnotations({ format, ...(articleId ? { articleId } : {}), ...(delimiter && { delimiter }) })
      download(file)
      setStatus({ ok: true, text: t('notes.exported', { fileName: file.fileName }) })
    } catch (e) {
      setStatus({ ok: false, text: coreMessage(e) })
    }
  }

  return (
    <div className="export-row">
      <div className="export-buttons" role="group" aria-label={label}>
        <span className="export-label">{t('notes.export')}</span>
        {exportFormats.map((format) => (
          <button
            key={format}
            type="button"
            className="button button-small"
            title={t('notes.exportAs', { format: FORMAT_NAMES[format] })}
            onClick={() => void exportAs(format)}
          >
            {FORMAT_NAMES[format]}
          </button>
        ))}
      </div>
      {status && (
        <p className={status.ok ? 'export-status' : 'field-error'} role="status">
          {status.text}
        </p>
      )}
    </div>
  )
}

/** Saves a file through a Blob and an `<a download>`: a download in the browser, the save dialog in Electron. */
export function download({ fileName, mimeType, content }: ExportFile) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
