import { describe, expect, it } from 'vitest'

import { extractFromHtml } from '../../main/core/import/html'
import { parsePlainText } from '../../main/core/import/plain-text'
import { splitSentences } from '../../main/core/translation/sentences'
import { translateAll } from '../../main/core/translation/text-pipeline'
import { recordingEngine } from '../support/recording-engine'

const NBSP = '\u00a0'
const NNBSP = '\u202f'
/** As a French page writes it: no-break spaces before ? and :, inside « », one of them doubled by a careless editor. */
const WRITTEN = `Pourquoi${NBSP}? Il a dit${NNBSP}: «${NBSP}oui${NBSP}». Et après${NBSP} ? Rien.`
const KEPT = `Pourquoi${NBSP}? Il a dit${NNBSP}: «${NBSP}oui${NBSP}». Et après${NBSP}? Rien.`

describe('French no-break spaces', () => {
  it('are kept as the page sets them, and a doubled one becomes one, in pages and in pasted text', () => {
    const html = `<article><h1>Un titre</h1><p>${WRITTEN.replaceAll(NBSP, '&nbsp;').replaceAll(NNBSP, '&#8239;')}</p><p>Une seconde phrase pour faire un article complet.</p></article>`
    expect(extractFromHtml(html).paragraphs[0]).toBe(KEPT)
    expect(parsePlainText(`Un titre\n\n${WRITTEN}\n`).paragraphs[0]).toBe(KEPT)
  })

  it('stay in the sentences, which never end at one and join back into the paragraph', () => {
    const sentences = splitSentences(KEPT)
    expect(sentences).toEqual([`Pourquoi${NBSP}?`, `Il a dit${NNBSP}: «${NBSP}oui${NBSP}».`, `Et après${NBSP}?`, 'Rien.'])
    expect(sentences.join(' ')).toBe(KEPT)
  })

  it('reach the engines as plain spaces, which their rules and dictionaries expect', async () => {
    const { engine, calls } = recordingEngine()
    await translateAll(engine, [`Il a dit${NNBSP}: «${NBSP}oui${NBSP}».`], { from: 'fr', to: 'en' })
    expect(calls.flat()).toEqual(['Il a dit : « oui ».'])
  })
})
