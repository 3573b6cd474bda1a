import { useTranslation } from 'react-i18next'

/** The browser host refused this page's key (a wrong or old address): what happened, and the one thing that fixes it. */
export function KeyRefusedPage() {
  const { t } = useTranslation()
  return (
    <main className="key-refused" role="alert">
      <h1>{t('keyRefused.title')}</h1>
      <p>{t('keyRefused.why')}</p>
      <p>{t('keyRefused.fix')}</p>
    </main>
  )
}
