import type { ReadingArticle } from '@shared/shapes'
import { useMemo } from 'react'

import type { GlossaryFix } from '../annotations/SelectionToolbar'
import type { Client } from '../api/client'

/**
 * Corrections made from the reader's selection: saved to the glossary, then the article is asked for again, so the
 * sentences holding those words are translated afresh at once (the others come from the cache).
 */
export function useGlossaryFix(client: Client, article: ReadingArticle, to: string, refresh: () => void): GlossaryFix {
  return useMemo(
    () => ({
      sourceLang: article.lang,
      targetLang: to,
      originalSentence: (sentenceKey: string) => {
        const [paragraphId, index] = sentenceKey.split(':')
        return article.paragraphs.find((paragraph) => paragraph.id === paragraphId)?.sentences[Number(index)]
      },
      save: async (words) => {
        await client.addGlossaryEntry({ ...words, from: article.lang, to })
        refresh()
      },
    }),
    [client, article, to, refresh],
  )
}
