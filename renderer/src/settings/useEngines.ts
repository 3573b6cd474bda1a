import type { EngineInfo } from '@shared/shapes'
import { useCallback, useEffect, useRef, useState } from 'react'

import { useClient } from '../api/context'
import { useCoreMessage } from '../i18n/core-messages'
import { useSettings } from '../settings-context'

export interface EnginesState {
  engines: EngineInfo[] | null
  error: string | null
  /** A check is running (an engine may be asked over the network). */
  checking: boolean
}

/** The engines and their state, asked again when the models or the LibreTranslate server change. */
export function useEngines(modelsRevision: number): EnginesState {
  const client = useClient()
  const { url, apiKey } = useSettings().settings.libreTranslate
  const [state, setState] = useState<EnginesState>({ engines: null, error: null, checking: true })
  const latest = useRef(0)
  const coreMessage = useCoreMessage()

  const refresh = useCallback(() => {
    const call = ++latest.current
    setState((current) => ({ ...current, checking: true }))
    client.listEngines({}).then(
      (engines) => call === latest.current && setState({ engines, error: null, checking: false }),
      (e: unknown) => call === latest.current && setState((current) => ({ ...current, error: coreMessage(e), checking: false })),
    )
  }, [client, coreMessage])

  useEffect(() => refresh(), [refresh, url, apiKey, modelsRevision])
  return state
}

/** The languages ready engines translate French into. */
export function targetsFromFrench(engines: EngineInfo[] | null): string[] {
  const ready = (engines ?? []).filter((engine) => engine.status.state === 'ready')
  return [...new Set(ready.flatMap((engine) => engine.pairs.filter((pair) => pair.from === 'fr').map((pair) => pair.to)))]
}
