import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

import { Toast } from './Toast'

const UNDO_SECONDS = 10

export function UndoToast({ message, onUndo, onExpire }: { message: string; onUndo: () => void; onExpire: () => void }) {
  const { t } = useTranslation()
  useEffect(() => {
    const timer = setTimeout(onExpire, UNDO_SECONDS * 1000)
    return () => clearTimeout(timer)
  }, [message, onExpire])
  return <Toast message={message} action={t('library.undo')} onAction={onUndo} />
}
