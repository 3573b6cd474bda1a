export type Route = { screen: 'library' } | { screen: 'reader'; articleId: string }

/** Routes live in the URL hash (`#/article/<id>`), so a reload lands where the reader was. */
export function parseRoute(hash: string): Route {
  const match = /^#\/article\/([0-9a-f]{16})/.exec(hash)
  return match ? { screen: 'reader', articleId: match[1]! } : { screen: 'library' }
}

export function articleHref(id: string): string {
  return `#/article/${id}`
}

export const libraryHref = '#/'
