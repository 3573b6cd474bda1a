export type Route =
  | { screen: 'library'; search: boolean }
  | { screen: 'reader'; articleId: string; paragraphId: string | null }
  | { screen: 'settings' }
  | { screen: 'notes' }
  | { screen: 'glossary' }

/** Routes live in the URL hash (`#/article/<id>/p3`), so a reload, or a deep link, lands in the right place. */
export function parseRoute(hash: string): Route {
  const article = /^#\/article\/([0-9a-f]{16})(?:\/(p\d+)|#(p\d+))?/.exec(hash)
  if (article) return { screen: 'reader', articleId: article[1]!, paragraphId: article[2] ?? article[3] ?? null }
  if (hash.startsWith('#/settings')) return { screen: 'settings' }
  if (hash.startsWith('#/notes')) return { screen: 'notes' }
  if (hash.startsWith('#/glossary')) return { screen: 'glossary' }
  return { screen: 'library', search: hash === '#/?search' }
}

export function articleHref(id: string, paragraphId?: string | null): string {
  return paragraphId ? `#/article/${id}/${paragraphId}` : `#/article/${id}`
}

export const libraryHref = '#/'
export const settingsHref = '#/settings'
export const notesHref = '#/notes'
export const glossaryHref = '#/glossary'
