import { type PlacedAnnotation, quotesOf } from '@shared/shapes'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

import { languageInSentence } from '../settings/format'
import { ColorDot } from './ColorPicker'
import { placeOf } from './useAnnotations'

export const paragraphNumber = (a: PlacedAnnotation) => Number(placeOf(a).slice(1))

/** Kind, colour, paragraph and, when its passage is gone, that it is orphaned. */
export function AnnotationHeading({
  annotation: a,
  onPlace,
  children,
}: {
  annotation: PlacedAnnotation
  onPlace?: () => void
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const number = paragraphNumber(a)
  return (
    <div className="annotation-heading">
      <ColorDot color={a.kind === 'highlight' ? a.color : null} />
      <span className="annotation-kind">{t(`notes.kinds.${a.kind}`)}</span>
      {onPlace ? (
        <button type="button" className="button-link annotation-place" onClick={onPlace} aria-label={t('notes.goTo', { number })}>
          {t('notes.paragraph', { number })}
        </button>
      ) : (
        <span className="annotation-place">{t('notes.paragraph', { number })}</span>
      )}
      {children}
    </div>
  )
}

/**
 * What an annotation is on: the quote in its own language and, folded under its language's name, the sentences
 * facing it on the other side; for a bookmark or a paragraph note, the paragraph and its translation. An orphaned
 * one shows the quote it had.
 */
export function AnnotationBody({
  annotation: a,
  sourceLang,
  targetLang,
}: {
  annotation: PlacedAnnotation
  sourceLang?: string
  targetLang?: string
}) {
  const { t, i18n } = useTranslation()
  const named = (side: 'original' | 'translation', lang: string | undefined) =>
    lang ? t(`notes.counterpart.${side}`, { language: languageInSentence(lang, i18n.language) }) : t(`reader.${side}`)
  const source = a.sentences.map((s) => s.source).join(' ')
  const target = a.sentences.map((s) => s.target).join(' ')
  const quote = quotesOf(a).join(' ')
  const onOriginal = a.side === 'original'
  const [first, second] = quote ? [quote, onOriginal ? target : source] : [source, target]
  const firstIsOriginal = quote ? onOriginal : true
  return (
    <div className={`annotation-body ${quote ? 'is-passage' : 'is-paragraph'}`}>
      {a.orphaned && (
        <p className="annotation-orphaned" data-testid="orphaned">
          {t('notes.orphaned')}
        </p>
      )}
      {first && (
        <blockquote className="annotation-quote" lang={firstIsOriginal ? sourceLang : undefined}>
          {first}
        </blockquote>
      )}
      {!a.orphaned && second && (
        <details className="annotation-counterpart">
          <summary>{firstIsOriginal ? named('translation', targetLang) : named('original', sourceLang)}</summary>
          <p className="annotation-translation" lang={firstIsOriginal ? targetLang : sourceLang}>
            {second}
          </p>
        </details>
      )}
    </div>
  )
}
