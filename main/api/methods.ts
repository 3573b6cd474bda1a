/**
 * The names of the contract's methods, without their argument schemas (main/api/contract.ts): what the preload
 * and the renderer need to build a client, so neither bundles zod. The contract is checked against this list.
 */
export const methodNames = [
  'listArticles',
  'getArticle',
  'search',
  'importText',
  'importFile',
  'importFiles',
  'importUrl',
  'deleteArticle',
  'restoreArticle',
  'setTags',
  'setReadingPosition',
  'setArticleEngine',
  'getAppInfo',
  'getSettings',
  'updateSettings',
  'listEngines',
  'translateArticle',
  'setVisibleParagraphs',
  'cancelTranslation',
  'getTranslation',
  'listGlossary',
  'addGlossaryEntry',
  'updateGlossaryEntry',
  'removeGlossaryEntry',
  'addAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'listAnnotations',
  'searchAnnotations',
  'exportAnnotations',
  'listModels',
  'modelCatalogue',
  'downloadModel',
  'cancelModelDownload',
  'importModels',
  'deleteModel',
  'retranslate',
] as const

export type MethodName = (typeof methodNames)[number]

const known = new Set<string>(methodNames)

export function isMethodName(name: string): name is MethodName {
  return known.has(name)
}
