/**
 * Lowercase without accents: "Développement" → "developpement", "Œuvre" → "oeuvre". The one folding of the app: the
 * core's search, note search and file names, and the renderer's find in the article.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
}
