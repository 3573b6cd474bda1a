import type { SettingsPatch } from '@shared/settings-shape'
import { useCallback, useState } from 'react'

import { useCoreMessage } from '../i18n/core-messages'
import { useSettings } from '../settings-context'

/**
 * The settings, and `save(patch)` that resolves to the error message, or null when the change was kept. The change
 * shows at once; the settings context sends changes in the order made and takes back one the core refuses.
 */
export function useSave() {
  const { settings, update } = useSettings()
  const [error, setError] = useState<string | null>(null)
  const coreMessage = useCoreMessage()
  const save = useCallback(
    (patch: SettingsPatch): Promise<string | null> =>
      update(patch).then(
        () => {
          setError(null)
          return null
        },
        (e: unknown) => {
          const message = coreMessage(e)
          setError(message)
          return message
        },
      ),
    [update, coreMessage],
  )
  return { settings, save, error }
}
