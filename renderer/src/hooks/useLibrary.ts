import { useCoreData } from './useCoreData'

/** The library's article summaries, reloaded whenever the core says the library changed. */
export function useLibrary() {
  const { data: articles, error } = useCoreData((client) => client.listArticles({}), {
    events: ['library.changed'],
  })
  return { articles, error }
}
