import { useTranslation } from 'react-i18next'

import { useModalDialog } from '../hooks/useModalDialog'

/**
 * Asks before a link of the article is followed: the reader stays offline unless the user says so, and the page
 * opens in the system browser (the Electron shell sends every window.open of an http(s) address there).
 */
export function LinkConfirm({ url, onClose }: { url: string; onClose: () => void }) {
  const { t } = useTranslation()
  const dialog = useModalDialog()
  const open = () => {
    window.open(url, '_blank', 'noopener,noreferrer')
    onClose()
  }
  return (
    <dialog ref={dialog} className="link-confirm" aria-labelledby="link-confirm-title" onClose={onClose} onCancel={onClose}>
      <h2 id="link-confirm-title">{t('reader.link.title')}</h2>
      <p>{t('reader.link.body')}</p>
      <p className="link-confirm-url">{url}</p>
      <div className="link-confirm-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('reader.link.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={open}>
          {t('reader.link.open')}
        </button>
      </div>
    </dialog>
  )
}
