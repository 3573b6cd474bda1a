import type { InlineMark } from '@shared/shapes'
import { wordSpan } from '@shared/word-span'

/** A run of text under one set of marks. */
export interface Segment {
  text: string
  bold?: boolean
  italic?: boolean
  /** The index, in the paragraph's marks, of the link over it: the address itself stays out of the page. */
  link?: number
  /** A footnote's marker, shown after the run before it; the run's text is then empty. */
  footnote?: string
}

type Style = Omit<Segment, 'text' | 'footnote'>

/**
 * A paragraph's sentences, each cut into runs of one markup, with the footnote markers after the runs they follow.
 * The sentences are the paragraph's text cut at single spaces (as the core splits it), so each is found in the text
 * after the one before, and the marks' offsets apply.
 */
export function sentenceSegments(text: string, sentences: string[], paragraphMarks: InlineMark[] = []): Segment[][] {
  const marks = indexed(paragraphMarks)
  const footnotesAt = (offset: number): Segment[] =>
    marks.filter((mark) => mark.kind === 'footnote' && mark.start === offset).map((mark) => ({ text: '', footnote: mark.label }))
  return sentenceRanges(text, sentences).map(([start, end]) => {
    const cuts = new Set([start, end])
    for (const mark of marks) for (const at of [mark.start, mark.end]) if (at > start && at < end) cuts.add(at)
    const points = [...cuts].sort((a, b) => a - b)
    return points
      .slice(0, -1)
      .flatMap((from, i) => [{ text: text.slice(from, points[i + 1]), ...styleAt(marks, from) }, ...footnotesAt(points[i + 1]!)])
  })
}

/**
 * The marks a translated sentence can carry: those over the whole of its original sentence (an emphasised sentence,
 * a sentence that is a link). Marks over some words cannot be placed in a translation, whose words differ.
 */
export function wholeSentenceStyles(text: string, sentences: string[], paragraphMarks: InlineMark[] = []): Style[] {
  const marks = indexed(paragraphMarks)
  return sentenceRanges(text, sentences).map(([start, end]) => {
    const [first, last] = wordSpan(text, start, end)
    return styleOf(marks.filter((mark) => first < last && mark.start <= first && mark.end >= last))
  })
}

function sentenceRanges(text: string, sentences: string[]): [number, number][] {
  let cursor = 0
  return sentences.map((sentence) => {
    const found = text.indexOf(sentence, cursor)
    const start = found >= 0 ? found : cursor
    cursor = start + sentence.length
    return [start, cursor]
  })
}

type IndexedMark = InlineMark & { index: number }

const indexed = (marks: InlineMark[]): IndexedMark[] => marks.map((mark, index) => ({ ...mark, index }))

function styleAt(marks: IndexedMark[], offset: number): Style {
  return styleOf(marks.filter((mark) => mark.start <= offset && offset < mark.end))
}

function styleOf(marks: IndexedMark[]): Style {
  const style: Style = {}
  for (const mark of marks) {
    if (mark.kind === 'bold') style.bold = true
    else if (mark.kind === 'italic') style.italic = true
    else if (mark.href) style.link = mark.index
  }
  return style
}
