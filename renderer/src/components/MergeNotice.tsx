import { mergedKinds } from '@shared/shapes'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useCoreData } from '../hooks/useCoreData'
import { Toast } from './Toast'

/** How many merged copies this window has already told of, so that a reload does not tell them again. */
const TOLD_KEY = 'visavis.mergedCopiesTold'

/** Tells the reader, once, what copies made by another computer brought into the synced library. */
export function MergeNotice() {
  const { t, i18n } = useTranslation()
  // Its error is not shown: the notice is a courtesy, and the library screen reports a core that does not answer.
  const { data: merged } = useCoreData((client) => client.getAppInfo({}).then((info) => info.merged), {
    events: ['library.merged'],
    fromEvent: (event) => event.merged,
  })
  const [told, setTold] = useState(() => Number(sessionStorage.getItem(TOLD_KEY) ?? 0))

  if (!merged || merged.copies <= told) return null
  const parts = mergedKinds.filter((kind) => merged[kind] > 0).map((kind) => t(`merge.${kind}`, { count: merged[kind] }))
  const message = parts.length > 0 ? t('merge.brought', { what: new Intl.ListFormat(i18n.language).format(parts) }) : t('merge.nothingNew')
  const dismiss = () => {
    sessionStorage.setItem(TOLD_KEY, String(merged.copies))
    setTold(merged.copies)
  }
  return <Toast className="merge-notice" message={message} action={t('error.dismiss')} onAction={dismiss} />
}
