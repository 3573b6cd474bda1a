import { useTranslation } from 'react-i18next'

export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss?: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="banner banner-error" role="alert">
      <strong>{t('error.title')}</strong>
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="button-quiet" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      )}
    </div>
  )
}
