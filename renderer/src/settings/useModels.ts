import type { CatalogueEntry, ModelInfo } from '@shared/shapes'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useClient } from '../api/context'
import { useCoreData } from '../hooks/useCoreData'
import { useEvents } from '../hooks/useEvents'
import { useCoreMessage } from '../i18n/core-messages'

export interface Transfer {
  done: number
  total: number
}

/** What became of the last download of a model: shown next to it. */
export interface ModelNote {
  kind: 'error' | 'info'
  text: string
}

export interface ModelsState {
  installed: ModelInfo[] | null
  installedError: string | null
  catalogue: CatalogueEntry[] | null
  catalogueError: string | null
  transfers: Record<string, Transfer>
  notes: Record<string, ModelNote>
  /** Counts the changes to the installed models, for whoever depends on them. */
  revision: number
  reloadCatalogue: () => void
  download: (entry: CatalogueEntry) => Promise<void>
  cancel: (name: string) => void
  remove: (name: string) => Promise<string | null>
}

/** The installed models, the catalogue, and the downloads in flight with their progress. */
export function useModels(): ModelsState {
  const client = useClient()
  const { t } = useTranslation()
  const word = useCoreMessage()
  const installed = useCoreData((core) => core.listModels({}), { events: ['models.changed'] })
  const [catalogueAttempt, setCatalogueAttempt] = useState(0)
  const catalogue = useCoreData((core) => core.modelCatalogue({}), { key: catalogueAttempt })
  const [transfers, setTransfers] = useState<Record<string, Transfer>>({})
  const [notes, setNotes] = useState<Record<string, ModelNote>>({})
  const [revision, setRevision] = useState(0)
  const cancelling = useRef(new Set<string>())

  useEvents(['models.changed', 'model.progress'], (event) => {
    if (event.type === 'models.changed') setRevision((current) => current + 1)
    else
      setTransfers((current) =>
        current[event.name] ? { ...current, [event.name]: { done: event.bytesDone, total: event.bytesTotal } } : current,
      )
  })

  const note = (name: string, value: ModelNote | null) =>
    setNotes((current) => (value ? { ...current, [name]: value } : without(current, name)))

  const download = async ({ name, transferBytes }: CatalogueEntry) => {
    note(name, null)
    setTransfers((current) => ({ ...current, [name]: { done: 0, total: transferBytes } }))
    try {
      await client.downloadModel({ name })
      note(name, { kind: 'info', text: t('settings.models.downloaded', { name }) })
    } catch (e) {
      note(name, { kind: cancelling.current.has(name) ? 'info' : 'error', text: word(e) })
    } finally {
      cancelling.current.delete(name)
      setTransfers((current) => without(current, name))
    }
  }

  const cancel = (name: string) => {
    cancelling.current.add(name)
    client.cancelModelDownload({ name }).catch((e: unknown) => note(name, { kind: 'error', text: word(e) }))
  }

  const remove = (name: string) =>
    client.deleteModel({ name }).then(
      () => null,
      (e: unknown) => word(e),
    )

  return {
    installed: installed.data,
    installedError: installed.error && word(installed.error),
    catalogue: catalogue.data,
    catalogueError: catalogue.error && word(catalogue.error),
    transfers,
    notes,
    revision,
    reloadCatalogue: () => setCatalogueAttempt((attempt) => attempt + 1),
    download,
    cancel,
    remove,
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record }
  delete copy[key]
  return copy
}
