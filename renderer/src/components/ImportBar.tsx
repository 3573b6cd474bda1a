import { type ChangeEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useMediaQuery } from '../hooks/useMediaQuery'
import { MoreMenu } from './MoreMenu'

interface ImportBarProps {
  busy: boolean
  onFiles: (files: File[], options: { onlyArticleFiles: boolean }) => void
  onPaste: (text: string) => Promise<boolean>
  onUrl: (url: string) => Promise<boolean>
}

type Panel = 'none' | 'paste' | 'url'

/** Below this width the header has no room for every way in (the French labels are the longest): all but files fold. */
const FOLD_QUERY = '(max-width: 1199px)'

/** The ways in: paste, files, a folder, a web address. */
export function ImportBar({ busy, onFiles, onPaste, onUrl }: ImportBarProps) {
  const { t } = useTranslation()
  const [panel, setPanel] = useState<Panel>('none')
  const folded = useMediaQuery(FOLD_QUERY)
  const fileInput = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)

  const picked = (onlyArticleFiles: boolean) => (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])]
    event.target.value = ''
    onFiles(files, { onlyArticleFiles })
  }

  const otherWays = (
    <>
      <button type="button" className="button" onClick={() => setPanel(panel === 'paste' ? 'none' : 'paste')} disabled={busy}>
        {t('library.pasteButton')}
      </button>
      <button type="button" className="button" onClick={() => setPanel(panel === 'url' ? 'none' : 'url')} disabled={busy}>
        {t('library.urlButton')}
      </button>
      <button type="button" className="button" onClick={() => folderInput.current?.click()} disabled={busy}>
        {t('library.folderButton')}
      </button>
    </>
  )

  return (
    <div className="import-bar">
      <div className="toolbar">
        {folded ? <MoreMenu>{otherWays}</MoreMenu> : otherWays}
        <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()} disabled={busy}>
          {t('library.fileButton')}
        </button>
        <input
          ref={fileInput}
          data-testid="import-file-input"
          type="file"
          accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
          multiple
          hidden
          onChange={picked(false)}
        />
        <input
          ref={folderInput}
          data-testid="import-folder-input"
          type="file"
          {...{ webkitdirectory: '' }}
          multiple
          hidden
          onChange={picked(true)}
        />
      </div>
      {panel === 'paste' && (
        <TextPanel
          multiline
          label={t('library.pasteLabel')}
          placeholder={t('library.pastePlaceholder')}
          busy={busy}
          onCancel={() => setPanel('none')}
          onSubmit={async (text) => (await onPaste(text)) && setPanel('none')}
        />
      )}
      {panel === 'url' && (
        <TextPanel
          label={t('library.urlLabel')}
          placeholder="https://"
          busy={busy}
          onCancel={() => setPanel('none')}
          onSubmit={async (url) => (await onUrl(url)) && setPanel('none')}
        />
      )}
    </div>
  )
}

interface TextPanelProps {
  label: string
  placeholder: string
  busy: boolean
  multiline?: boolean
  onCancel: () => void
  onSubmit: (value: string) => void
}

function TextPanel({ label, placeholder, busy, multiline = false, onCancel, onSubmit }: TextPanelProps) {
  const { t } = useTranslation()
  const [value, setValue] = useState('')
  const inputProps = { id: 'import-text', value, placeholder, autoFocus: true }
  return (
    <form
      className="import-panel"
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit(value.trim())
      }}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <label htmlFor="import-text">{label}</label>
      {multiline ? (
        <textarea {...inputProps} rows={10} onChange={(event) => setValue(event.target.value)} />
      ) : (
        <input {...inputProps} type="url" onChange={(event) => setValue(event.target.value)} />
      )}
      <div className="toolbar toolbar-end">
        <button type="button" className="button" onClick={onCancel}>
          {t('library.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy || value.trim() === ''}>
          {t('library.importPasted')}
        </button>
      </div>
    </form>
  )
}
