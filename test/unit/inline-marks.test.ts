import { describe, expect, it } from 'vitest'

import type { InlineMark } from '../../main/api/contract'
import { splitSentences } from '../../main/core/translation/sentences'
import { sentenceSegments, wholeSentenceStyles } from '../../renderer/src/reader/inline-marks'

const TEXT = 'Le plan est consultable en ligne. Il est très clair ! « Tout change », dit-elle.'
const at = (words: string) => [TEXT.indexOf(words), TEXT.indexOf(words) + words.length] as const
const mark = (kind: InlineMark['kind'], words: string, href?: string): InlineMark => {
  const [start, end] = at(words)
  return { kind, start, end, ...(href && { href }) }
}

describe('inline marks in the reader', () => {
  const sentences = splitSentences(TEXT)

  it('cuts each sentence into runs of one markup, a mark across two sentences in both', () => {
    const marks = [mark('link', 'consultable en ligne', 'https://example.org/plan'), mark('bold', 'ligne. Il est')]
    const segments = sentenceSegments(TEXT, sentences, marks)
    expect(segments.map((runs) => runs.map((run) => run.text).join(''))).toEqual(sentences)
    expect(segments[0]).toEqual([
      { text: 'Le plan est ' },
      { text: 'consultable en ', link: 0 },
      { text: 'ligne', link: 0, bold: true },
      { text: '.', bold: true },
    ])
    expect(segments[1]![0]).toEqual({ text: 'Il est', bold: true })
  })

  it('gives a translated sentence only the marks over the whole of its original, punctuation aside', () => {
    const marks = [mark('italic', 'Il est très clair'), mark('bold', 'Tout change'), mark('bold', '« Tout change », dit-elle.')]
    expect(wholeSentenceStyles(TEXT, sentences, marks)).toEqual([{}, { italic: true }, { bold: true }])
  })

  it('shows a footnote’s marker after the run it follows, its sentence’s text unchanged', () => {
    const footnote = (words: string, label: string): InlineMark => ({ kind: 'footnote', start: at(words)[1], end: at(words)[1], label })
    const marks = [footnote('consultable', '1'), footnote('en ligne.', '2'), mark('bold', 'très clair')]
    const segments = sentenceSegments(TEXT, sentences, marks)
    expect(segments.map((runs) => runs.map((run) => run.text).join(''))).toEqual(sentences)
    expect(segments[0]).toEqual([
      { text: 'Le plan est consultable' },
      { text: '', footnote: '1' },
      { text: ' en ligne.' },
      { text: '', footnote: '2' },
    ])
    expect(segments[1]!.some((run) => run.footnote)).toBe(false)
  })
})
