import type { ReadingLayout } from '@shared/settings-shape'
import type { EngineInfo, ReadingArticle } from '@shared/shapes'
import { createContext, type Dispatch, useContext } from 'react'

import type { ParagraphMarks } from '../annotations/marks'
import type { ReaderChange, ReaderState } from './reader-state'
import type { useArticleTranslation } from './useArticleTranslation'

/** What the reader's parts share: the article, the reader's state and its changes, the translation, the marks. */
export interface ReaderContextValue {
  article: ReadingArticle
  state: ReaderState
  dispatch: Dispatch<ReaderChange>
  /** The layout shown: side by side becomes interleaved in a narrow window. */
  layout: ReadingLayout
  swapSides: boolean
  engines: EngineInfo[]
  translation: ReturnType<typeof useArticleTranslation>
  /** Bookmarks, notes and highlights' counterparts by paragraph, and what the margins do. */
  marks: {
    byParagraph: Map<string, ParagraphMarks>
    onToggleBookmark: (paragraphId: string) => void
    onShowNotes: (paragraphId: string) => void
  }
}

const ReaderContext = createContext<ReaderContextValue | null>(null)

export const ReaderProvider = ReaderContext.Provider

export function useReader(): ReaderContextValue {
  const reader = useContext(ReaderContext)
  if (!reader) throw new Error('useReader outside the reader')
  return reader
}
