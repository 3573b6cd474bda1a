import type { AnnotationColor, ReadingParagraph } from '@shared/shapes'
import { type KeyboardEvent, memo, type MouseEvent, type PointerEvent, type ReactNode, type RefObject, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { CellMargin } from '../annotations/CellMargin'
import type { ParagraphMarks } from '../annotations/marks'
import { useCoreMessage } from '../i18n/core-messages'
import { useSettings } from '../settings-context'
import { type Segment, sentenceSegments, wholeSentenceStyles } from './inline-marks'
import { LinkConfirm } from './LinkConfirm'
import { useReader } from './ReaderContext'
import { SentenceDoubt } from './SentenceDoubt'
import type { ParagraphState } from './useArticleTranslation'
import { flowOrder, type RevealParagraph, useParagraphRows } from './useParagraphRows'

export interface SentenceKey {
  paragraphId: string
  index: number
}

export const sentenceKey = ({ paragraphId, index }: SentenceKey) => `${paragraphId}:${index}`

/** What a cell needs for its marks; `withMargin` on the cell of the side shown first, which holds the paragraph's margin. */
interface CellMarks {
  words: CellWords
  marks: ParagraphMarks | undefined
  withMargin: boolean
  onToggleBookmark: (paragraphId: string) => void
  onShowNotes: (paragraphId: string) => void
}

/** What a cell needs to be measured: the cell holding its row's last line is, for the virtualiser. */
interface Measured {
  index: number
  measure?: (cell: HTMLElement | null) => void
}

interface ReaderGridProps {
  translationNotice?: ReactNode
  /** Set by the grid to what scrolls a row into view, rows out of the page included. */
  reveal: RefObject<RevealParagraph | null>
}

/**
 * The two sides as two panes whose cells share the rows of one CSS grid: a paragraph and its translation start on
 * the same line whatever their lengths, and one scroll moves both. In the interleaved layout the same cells stack.
 * Only the rows near the view are in the page (see useParagraphRows).
 */
export function ReaderGrid({ translationNotice, reveal }: ReaderGridProps) {
  const { article, state, dispatch, layout, swapSides, translation, marks } = useReader()
  const { reading } = useSettings().settings
  const { paragraphs } = article
  const { active, focusable } = state
  const showOriginal = layout !== 'translation'
  const showTranslation = layout !== 'original'
  const { onToggleBookmark, onShowNotes } = marks
  const [linkToOpen, setLinkToOpen] = useState<string | null>(null)
  const words = useCellWords()
  const kept = focusable.split(':')[0]!
  const { grid, leadingGap, leadingHeight, rows, gaps, measure } = useParagraphRows({ paragraphs, layout, reading, kept, reveal })
  // The cell of a row's last line is measured: in the interleaved layout the translation, below the original.
  /** What a row's cell on either side is given: its paragraph, its place, whether it is lit. */
  const cellOf = ({ paragraph, index }: (typeof rows)[number], side: 'original' | 'translation') => ({
    paragraph,
    index,
    measure: side === (showTranslation ? 'translation' : 'original') ? measure : undefined,
    active: activeIn(active, paragraph.id),
  })
  const point = (event: { target: EventTarget }) => dispatch({ type: 'point', key: sentenceAt(event) })
  const pin = (key: string) => dispatch({ type: 'pin', key })
  const marksFor = (paragraphId: string, withMargin: boolean): CellMarks => ({
    words,
    marks: marks.byParagraph.get(paragraphId),
    withMargin,
    onToggleBookmark,
    onShowNotes,
  })

  const sentenceAt = (event: { target: EventTarget }) =>
    (event.target as HTMLElement).closest<HTMLElement>('[data-sentence]')?.dataset.sentence ?? null
  /** The address of the article's link under the event, looked up in the paragraph's marks (the page never holds it). */
  const linkAt = (event: { target: EventTarget }) => {
    const link = (event.target as HTMLElement).closest<HTMLElement>('[data-link]')
    const paragraphId = link?.closest<HTMLElement>('[data-paragraph]')?.dataset.paragraph
    const paragraph = paragraphId ? paragraphs.find((p) => p.id === paragraphId) : undefined
    return paragraph?.marks?.[Number(link!.dataset.link)]?.href ?? null
  }
  const handlers = {
    // A selection begun in one pane stays in it: the other pane is not selectable until the next press.
    onPointerDown: (event: PointerEvent) => {
      const pane = (event.target as HTMLElement).closest<HTMLElement>('.pane')
      event.currentTarget.setAttribute('data-selecting', pane?.classList.contains('pane-translation') ? 'translation' : 'original')
    },
    onMouseMove: keepSelectionInItsPane,
    onMouseOver: point,
    onMouseLeave: () => dispatch({ type: 'point', key: null }),
    onFocus: point,
    onClick: (event: MouseEvent) => {
      const link = linkAt(event)
      if (link) {
        setLinkToOpen(link)
        return
      }
      // Letting go of a selection is not a click on a sentence.
      if (window.getSelection()?.isCollapsed === false) return
      const key = sentenceAt(event)
      if (key) pin(key)
    },
    onKeyDown: (event: KeyboardEvent) => {
      const link = linkAt(event)
      if (link && event.key === 'Enter') {
        event.preventDefault()
        setLinkToOpen(link)
        return
      }
      const key = sentenceAt(event)
      if (key && !link && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault()
        pin(key)
      }
    },
  }

  return (
    <div ref={grid} className={`reader-grid layout-${layout} ${swapSides ? 'swapped' : ''}`} {...handlers}>
      <div ref={leadingGap} className="row-gap" aria-hidden="true" style={{ gridRow: 2, height: leadingHeight }} />
      {gaps.map((gap) => (
        <div key={gap.order} className="row-gap" aria-hidden="true" style={{ order: gap.order, height: gap.height }} />
      ))}
      {showOriginal && (
        <Pane side="original" lang={article.lang} label={words.original}>
          {rows.map((row) => (
            <OriginalCell key={row.paragraph.id} {...cellOf(row, 'original')} focusable={focusable} {...marksFor(row.paragraph.id, true)} />
          ))}
        </Pane>
      )}
      {showTranslation && (
        <Pane side="translation" lang={state.to} label={words.translation}>
          {rows.map((row) => (
            <TranslationCell
              key={row.paragraph.id}
              {...cellOf(row, 'translation')}
              state={translation.paragraphs.get(row.paragraph.id) ?? { state: 'pending' }}
              focusable={layout === 'translation' ? focusable : null}
              targetLang={state.to}
              onRetranslate={translation.retranslate}
              notice={row.index === 0 ? translationNotice : undefined}
              {...marksFor(row.paragraph.id, !showOriginal)}
            />
          ))}
        </Pane>
      )}
      {linkToOpen && <LinkConfirm url={linkToOpen} onClose={() => setLinkToOpen(null)} />}
    </div>
  )
}

/** The words of the cells and their margins, worded once per language: a long article's scroll draws many cells. */
function useCellWords() {
  const { t } = useTranslation()
  return useMemo(
    () => ({
      original: t('reader.original'),
      translation: t('reader.translation'),
      translating: t('reader.translating'),
      stopped: t('reader.stopped'),
      retry: t('reader.retry'),
      retranslate: t('reader.retranslateParagraph'),
      bookmark: (number: number, bookmarked: boolean) => t(bookmarked ? 'notes.removeBookmark' : 'notes.bookmark', { number }),
      showNotes: (number: number, count: number) => t('notes.showNotes', { count, number }),
    }),
    [t],
  )
}

export type CellWords = ReturnType<typeof useCellWords>

/** One side's column of the grid, headed by its name. */
function Pane({ side, lang, label, children }: { side: 'original' | 'translation'; lang: string; label: string; children: ReactNode }) {
  return (
    <section className={`pane pane-${side}`} data-testid={`pane-${side}`} aria-label={label} lang={lang}>
      <h2 className="pane-label" style={{ gridRow: 1 }}>
        {label}
      </h2>
      {children}
    </section>
  )
}

/**
 * While a selection is dragged over the other pane, it goes on in its own pane at the pointer's height (a browser
 * would run it to the end of the pane, or into the other language). The browser moves the selection after this
 * handler, so the correction comes in the next frame, before anything is painted.
 */
function keepSelectionInItsPane(event: MouseEvent<HTMLElement>) {
  const side = event.currentTarget.dataset.selecting
  if (event.buttons !== 1 || !side || (event.target as HTMLElement).closest(`.pane-${side}`)) return
  const pane = event.currentTarget.querySelector(`.pane-${side}`)
  const column = pane?.querySelector('.cell')?.getBoundingClientRect()
  if (!pane || !column) return
  const x = Math.min(Math.max(event.clientX, column.left + 1), column.right - 1)
  const caret = document.caretRangeFromPoint(x, event.clientY)
  if (!caret || !pane.contains(caret.startContainer)) return
  requestAnimationFrame(() => {
    const selection = window.getSelection()
    if (selection?.rangeCount) selection.extend(caret.startContainer, caret.startOffset)
  })
}

/** The element a block is set in: headings one level below the pane's own label, quotations as quotations. */
function blockElement({ kind, level }: ReadingParagraph): 'p' | 'blockquote' | `h${3 | 4 | 5 | 6}` {
  if (kind === 'heading') return `h${Math.min(6, (level ?? 2) + 1) as 3 | 4 | 5 | 6}`
  return kind === 'quote' ? 'blockquote' : 'p'
}

/** What both sides' cells of a paragraph say about its block, for the styles. */
function blockAttributes({ kind, level }: ReadingParagraph) {
  return { 'data-kind': kind ?? 'paragraph', 'data-level': kind === 'heading' ? level : undefined }
}

function activeIn(active: string | null, paragraphId: string): string | null {
  return active?.startsWith(`${paragraphId}:`) ? active : null
}

interface OriginalCellProps extends CellMarks, Measured {
  paragraph: ReadingParagraph
  active: string | null
  focusable: string | null
}

const OriginalCell = memo(function OriginalCell(props: OriginalCellProps) {
  const { paragraph, active, focusable, marks } = props
  const Block = blockElement(paragraph)
  return (
    <Block
      ref={props.measure}
      className="cell cell-original"
      id={paragraph.id}
      data-paragraph={paragraph.id}
      data-index={props.index}
      data-bookmarked={marks?.bookmarked || undefined}
      {...blockAttributes(paragraph)}
      style={{ order: flowOrder(props.index, 'original') }}
    >
      {sentenceSegments(paragraph.text, paragraph.sentences, paragraph.marks).map((segments, index) => (
        <Sentence
          key={index}
          paragraphId={paragraph.id}
          index={index}
          segments={segments}
          active={active}
          focusable={focusable}
          annotated={marks?.counterpart.original.get(index)}
        />
      ))}
      {props.withMargin && <Margin paragraphId={paragraph.id} {...props} />}
    </Block>
  )
})

interface TranslationCellProps extends CellMarks, Measured {
  paragraph: ReadingParagraph
  state: ParagraphState
  active: string | null
  focusable: string | null
  targetLang: string
  onRetranslate: (paragraphId: string) => void
  notice?: ReactNode
}

const TranslationCell = memo(function TranslationCell(props: TranslationCellProps) {
  const { paragraph, state, active, focusable, onRetranslate, marks, words } = props
  const Block = blockElement(paragraph)
  const styles = state.state === 'done' ? wholeSentenceStyles(paragraph.text, paragraph.sentences, paragraph.marks) : []
  return (
    <div
      ref={props.measure}
      className={`cell cell-translation state-${state.state}`}
      data-paragraph={paragraph.id}
      data-index={props.index}
      data-state={state.state}
      data-bookmarked={(props.withMargin && marks?.bookmarked) || undefined}
      {...blockAttributes(paragraph)}
      style={{ order: flowOrder(props.index, 'translation') }}
    >
      {props.withMargin && <Margin paragraphId={paragraph.id} {...props} />}
      {props.notice}
      {state.state === 'pending' && <Placeholder sentences={paragraph.sentences} label={words.translating} />}
      {(state.state === 'error' || state.state === 'stopped') && (
        <div className="cell-error" role="alert">
          <span>{state.state === 'error' ? <CoreMessage said={state.error} /> : words.stopped}</span>
          <button type="button" className="button button-small" onClick={() => onRetranslate(paragraph.id)}>
            {words.retry}
          </button>
        </div>
      )}
      {state.state === 'done' && (
        <>
          <Block className="translation-text">
            {state.sentences.map((pair, index) => (
              <Sentence
                key={index}
                paragraphId={paragraph.id}
                index={index}
                segments={[{ text: pair.target, ...styles[index] }]}
                active={active}
                focusable={focusable}
                annotated={marks?.counterpart.translation.get(index)}
                unsure={pair.unsure}
              >
                {pair.unsure && <SentenceDoubt pair={pair} targetLang={props.targetLang} />}
              </Sentence>
            ))}
          </Block>
          <button
            type="button"
            className="retranslate"
            onClick={() => onRetranslate(paragraph.id)}
            aria-label={words.retranslate}
            title={words.retranslate}
          >
            ↻
          </button>
        </>
      )}
    </div>
  )
})

interface SentenceProps {
  paragraphId: string
  index: number
  segments: Segment[]
  active: string | null
  focusable: string | null
  /** The colour of a highlight made on the other side over this sentence's counterpart. */
  annotated?: AnnotationColor
  /** A translation the engine is unsure of: underlined with dots. */
  unsure?: boolean
  /** Shown after the sentence, before the space to the next (its doubt marker). */
  children?: ReactNode
}

function Sentence({ paragraphId, index, segments, active, focusable, annotated, unsure, children }: SentenceProps) {
  const key = sentenceKey({ paragraphId, index })
  return (
    <>
      <span
        className="sentence"
        data-sentence={key}
        data-active={active === key ? 'true' : undefined}
        data-annotated={annotated}
        data-unsure={unsure || undefined}
        tabIndex={focusable === key ? 0 : -1}
      >
        {segments.map((segment, i) => (
          <Marked key={i} segment={segment} />
        ))}
      </span>
      {children}{' '}
    </>
  )
}

function Marked({ segment }: { segment: Segment }) {
  // The marker is drawn by CSS from its attribute: it stays out of the text that selections and find count in.
  if (segment.footnote !== undefined) return <sup className="footnote-marker" data-label={segment.footnote} />
  let content: ReactNode = segment.text
  if (segment.bold) content = <strong>{content}</strong>
  if (segment.italic) content = <em>{content}</em>
  if (segment.link !== undefined)
    content = (
      <span className="inline-link" role="link" tabIndex={0} data-link={segment.link}>
        {content}
      </span>
    )
  return content
}

/** A core's message in the UI language, in a component of its own: only a cell with an error asks for the words. */
function CoreMessage({ said }: { said: unknown }) {
  return useCoreMessage()(said)
}

/** Grey lines as long as the original, so the row keeps its height and nothing jumps when the text arrives. */
function Placeholder({ sentences, label }: { sentences: string[]; label: string }) {
  const characters = sentences.join(' ').length
  const lines = Math.max(1, Math.round(characters / 70))
  return (
    <div className="placeholder" aria-busy="true" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="placeholder-line" style={{ width: i === lines - 1 && lines > 1 ? '60%' : '100%' }} />
      ))}
    </div>
  )
}

function Margin({ paragraphId, words, marks, onToggleBookmark, onShowNotes }: CellMarks & { paragraphId: string }) {
  return (
    <CellMargin
      paragraphId={paragraphId}
      bookmarked={marks?.bookmarked ?? false}
      notes={marks?.notes ?? 0}
      words={words}
      onToggleBookmark={onToggleBookmark}
      onShowNotes={onShowNotes}
    />
  )
}
