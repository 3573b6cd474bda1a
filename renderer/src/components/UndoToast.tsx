import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

const UNDO_SECONDS = 10

export function UndoToast({ message, onUndo, onExpire }: { message: string; onUndo: () => void; onExpire: () => void }) {
  const { t } = useTranslation()
  useEffect(() => {
    const timer = setTimeout(onExpire, UNDO_SECONDS * 1000)
    return () => clearTimeout(timer)
  }, [message, onExpire])
  return (
    <div className="toast" role="status">
      <span>{message}</span>
      <button type="button" className="button button-small" onClick={onUndo}>
        {t('library.undo')}
      </button>
    </div>
  )
}
