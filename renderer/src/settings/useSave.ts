import { useCallback, useState } from 'react'
import type { SettingsPatch } from '../../../main/api/settings'
import { useSettings } from '../settings-context'
import { messageOf } from './format'

/** One change at a time, in the order made: the core applies each patch to the settings the previous one left. */
let queue: Promise<unknown> = Promise.resolve()

/** The settings, and `save(patch)` that resolves to the error message, or null when the change was kept. */
export function useSave() {
  const { settings, update } = useSettings()
  const [error, setError] = useState<string | null>(null)
  const save = useCallback(
    (patch: SettingsPatch): Promise<string | null> => {
      const run = queue.then(() => update(patch))
      // The page shows a change before the core answers; when the core refuses it, take its settings back.
      queue = run.catch(() => update({}).catch(() => undefined))
      return run.then(
        () => {
          setError(null)
          return null
        },
        (e: unknown) => {
          const message = messageOf(e)
          setError(message)
          return message
        },
      )
    },
    [update],
  )
  return { settings, save, error }
}
