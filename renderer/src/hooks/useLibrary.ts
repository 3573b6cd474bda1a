import { useCallback, useEffect, useState } from 'react'
import type { ArticleSummary } from '@shared/shapes'
import type { Client } from '../api/client'

/** The library's article summaries, reloaded whenever the core says the library changed. */
export function useLibrary(client: Client) {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const reload = useCallback(() => {
    client.listArticles({}).then(
      (list) => {
        setArticles(list)
        setError(null)
      },
      (e: Error) => setError(e.message),
    )
  }, [client])

  useEffect(() => {
    reload()
    return client.onEvent((event) => {
      if (event.type === 'library.changed') reload()
    })
  }, [client, reload])

  return { articles, error, reload }
}
