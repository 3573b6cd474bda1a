import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CatalogueEntry, ModelInfo } from '@shared/shapes'
import { useClient } from '../api/context'
import { messageOf } from './format'

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
  const [installed, setInstalled] = useState<ModelInfo[] | null>(null)
  const [installedError, setInstalledError] = useState<string | null>(null)
  const [catalogue, setCatalogue] = useState<CatalogueEntry[] | null>(null)
  const [catalogueError, setCatalogueError] = useState<string | null>(null)
  const [transfers, setTransfers] = useState<Record<string, Transfer>>({})
  const [notes, setNotes] = useState<Record<string, ModelNote>>({})
  const [revision, setRevision] = useState(0)
  const cancelling = useRef(new Set<string>())

  const loadInstalled = useCallback(() => {
    client.listModels({}).then(
      (models) => {
        setInstalled(models)
        setInstalledError(null)
      },
      (e: unknown) => setInstalledError(messageOf(e)),
    )
  }, [client])

  const reloadCatalogue = useCallback(() => {
    setCatalogue(null)
    setCatalogueError(null)
    client.modelCatalogue({}).then(setCatalogue, (e: unknown) => setCatalogueError(messageOf(e)))
  }, [client])

  useEffect(() => {
    loadInstalled()
    reloadCatalogue()
    return client.onEvent((event) => {
      if (event.type === 'models.changed') {
        loadInstalled()
        setRevision((current) => current + 1)
      }
      if (event.type === 'model.progress')
        setTransfers((current) =>
          current[event.name] ? { ...current, [event.name]: { done: event.bytesDone, total: event.bytesTotal } } : current,
        )
    })
  }, [client, loadInstalled, reloadCatalogue])

  const note = (name: string, value: ModelNote | null) =>
    setNotes((current) => (value ? { ...current, [name]: value } : without(current, name)))

  const download = async ({ name, transferBytes }: CatalogueEntry) => {
    note(name, null)
    setTransfers((current) => ({ ...current, [name]: { done: 0, total: transferBytes } }))
    try {
      await client.downloadModel({ name })
      note(name, { kind: 'info', text: t('settings.models.downloaded', { name }) })
    } catch (e) {
      note(name, { kind: cancelling.current.has(name) ? 'info' : 'error', text: messageOf(e) })
    } finally {
      cancelling.current.delete(name)
      setTransfers((current) => without(current, name))
    }
  }

  const cancel = (name: string) => {
    cancelling.current.add(name)
    client.cancelModelDownload({ name }).catch((e: unknown) => note(name, { kind: 'error', text: messageOf(e) }))
  }

  const remove = (name: string) =>
    client.deleteModel({ name }).then(
      () => null,
      (e: unknown) => messageOf(e),
    )

  return { installed, installedError, catalogue, catalogueError, transfers, notes, revision, reloadCatalogue, download, cancel, remove }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record }
  delete copy[key]
  return copy
}
