import type { AnnotationColor } from '@shared/shapes'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { FormActions } from '../components/SmallButton'
import { GlossaryForm, type GlossaryWords } from '../glossary/GlossaryForm'
import { useEscapeFirst } from '../hooks/useEscapeFirst'
import { useCoreMessage } from '../i18n/core-messages'
import { ColorPicker } from './ColorPicker'
import { paintPending } from './marks'
import { NoteTextarea } from './NoteTextarea'
import { type Passage, passageOf } from './offsets'

interface Pending {
  passage: Passage
  /** The sentence the selection starts in ("p3:0"). */
  sentenceKey: string | null
  range: Range
  /** Where to show the bar, in page coordinates. */
  x: number
  top: number
  bottom: number
}

/** What the bar needs to turn a selection into a glossary correction. */
export interface GlossaryFix {
  sourceLang: string
  targetLang: string
  /** The original of a sentence ("p3:0"), shown as a hint when the words were selected in the translation. */
  originalSentence: (sentenceKey: string) => string | undefined
  save: (words: GlossaryWords) => Promise<void>
}

interface SelectionToolbarProps {
  container: HTMLElement | null
  onHighlight: (passage: Passage, color: AnnotationColor, note?: string) => Promise<void>
  glossary?: GlossaryFix
}

/**
 * Selecting text in either column shows this bar at the selection: highlight in a colour, write a note on it, or
 * fix how its words are translated.
 */
export function SelectionToolbar({ container, onHighlight, glossary }: SelectionToolbarProps) {
  const { t } = useTranslation()
  const [pending, setPending] = useState<Pending | null>(null)
  const [writing, setWritingState] = useState(false)
  // Read by the selection's listeners at once: focusing the note's field moves the selection there.
  const writingNow = useRef(false)
  const setWriting = (value: boolean) => {
    writingNow.current = value
    setWritingState(value)
  }
  const [fixing, setFixing] = useState(false)
  const [color, setColor] = useState<AnnotationColor>('yellow')
  const [note, setNote] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const coreMessage = useCoreMessage()

  useSelection(container, writingNow, setPending)

  const close = useCallback(() => {
    setPending(null)
    setWriting(false)
    setFixing(false)
    setNote('')
    setError(null)
  }, [])

  useEffect(() => {
    paintPending(writing ? (pending?.range ?? null) : null)
    return () => paintPending(null)
  }, [writing, pending])

  useEscapeFirst(pending !== null, close)

  if (!pending) return null

  async function save(chosen: AnnotationColor, text?: string) {
    const saved = pending
    if (!saved) return
    setSaving(true)
    setError(null)
    try {
      await onHighlight(saved.passage, chosen, text)
      done(saved)
    } catch (e) {
      setError(coreMessage(e))
    } finally {
      setSaving(false)
    }
  }

  /** The selection is done with, unless the user has selected something else meanwhile. */
  function done(saved: Pending) {
    const selection = window.getSelection()
    if (selection?.rangeCount && sameRange(selection.getRangeAt(0), saved.range)) selection.removeAllRanges()
    setPending((current) => (current === saved ? null : current))
    setWriting(false)
    setFixing(false)
    setNote('')
  }

  async function saveCorrection(words: GlossaryWords) {
    const saved = pending
    if (!saved || !glossary) return
    await glossary.save(words)
    done(saved)
  }

  const above = pending.top - window.scrollY > 140
  const style = {
    left: Math.min(Math.max(pending.x, 180), document.documentElement.clientWidth - 180),
    top: above ? pending.top - 8 : pending.bottom + 8,
  }

  return (
    <div
      className={`selection-toolbar ${above ? 'above' : 'below'}`}
      style={style}
      role="toolbar"
      aria-label={t('notes.selectionToolbar')}
      data-testid="selection-toolbar"
      // Keep the selection when a button is pressed.
      onMouseDown={(event) => !writing && event.preventDefault()}
    >
      {!writing ? (
        <>
          <ColorPicker label={t('notes.highlight')} onPick={(chosen) => void save(chosen)} disabled={saving} />
          <button type="button" className="button button-small" onClick={() => setWriting(true)}>
            {t('notes.addNote')}
          </button>
          {glossary && !pending.passage.endParagraphId && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setFixing(true)
                setWriting(true)
              }}
            >
              {t('glossary.fix')}
            </button>
          )}
        </>
      ) : fixing && glossary ? (
        <GlossaryForm
          initial={correctionOf(pending.passage)}
          sourceLang={glossary.sourceLang}
          targetLang={glossary.targetLang}
          hint={pending.passage.side === 'translation' && pending.sentenceKey ? glossary.originalSentence(pending.sentenceKey) : undefined}
          saveLabel={t('glossary.save')}
          onSave={saveCorrection}
          onCancel={close}
        />
      ) : (
        <form
          className="note-form"
          onSubmit={(event) => {
            event.preventDefault()
            void save(color, note)
          }}
        >
          <blockquote className="note-form-quote">{pending.passage.quote}</blockquote>
          <NoteTextarea
            label={t('notes.noteLabel')}
            value={note}
            onChange={setNote}
            onSave={() => void save(color, note)}
            onCancel={close}
          />
          <FormActions cancelLabel={t('notes.cancel')} saveLabel={t('notes.save')} saveDisabled={saving} onCancel={close}>
            <ColorPicker label={t('notes.colorFilter')} selected={color} onPick={setColor} />
          </FormActions>
        </form>
      )}
      {error && <p className="field-error selection-error">{error}</p>}
    </div>
  )
}

/** Words selected in the original are the correction's source; in the translation, what it should say instead. */
function correctionOf({ side, quote }: Passage): GlossaryWords {
  return side === 'original' ? { source: quote, target: '' } : { source: '', target: quote }
}

function sameRange(a: Range, b: Range): boolean {
  return a.compareBoundaryPoints(Range.START_TO_START, b) === 0 && a.compareBoundaryPoints(Range.END_TO_END, b) === 0
}

/** Follows the selection in the grid: a passage once the mouse or a key lets go, nothing once it collapses. */
function useSelection(container: HTMLElement | null, writing: { current: boolean }, onPending: (pending: Pending | null) => void) {
  useEffect(() => {
    if (!container) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const check = () => {
      if (writing.current) return
      const selection = window.getSelection()
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return onPending(null)
      const range = selection.getRangeAt(0)
      if (!container.contains(range.commonAncestorContainer)) return onPending(null)
      const passage = passageOf(range)
      if (!passage) return onPending(null)
      const box = range.getBoundingClientRect()
      onPending({
        passage,
        sentenceKey: sentenceAt(range.startContainer),
        range: range.cloneRange(),
        x: box.left + box.width / 2 + window.scrollX,
        top: box.top + window.scrollY,
        bottom: box.bottom + window.scrollY,
      })
    }
    const later = (event: Event) => {
      if ((event.target as Element | null)?.closest?.('.selection-toolbar')) return
      clearTimeout(timer)
      timer = setTimeout(check, 0)
    }
    const onSelectionChange = () => {
      if (!writing.current && window.getSelection()?.isCollapsed) onPending(null)
    }
    document.addEventListener('mouseup', later)
    document.addEventListener('keyup', later)
    document.addEventListener('selectionchange', onSelectionChange)
    return () => {
      clearTimeout(timer)
      document.removeEventListener('mouseup', later)
      document.removeEventListener('keyup', later)
      document.removeEventListener('selectionchange', onSelectionChange)
    }
  }, [container, writing, onPending])
}

function sentenceAt(node: Node): string | null {
  const element = node instanceof Element ? node : node.parentElement
  return element?.closest<HTMLElement>('[data-sentence]')?.dataset.sentence ?? null
}
