import { describe, expect, it } from 'vitest'

import { initialReaderState, type ReaderChange, readerReducer, type ReaderState } from '../../renderer/src/reader/reader-state'

const opened = initialReaderState({ engine: undefined, to: 'en', firstSentence: 'p1:0' })
const after = (...changes: ReaderChange[]) => changes.reduce(readerReducer, opened)

describe('reader state', () => {
  it('opens with nothing lit, the first sentence reachable by Tab, help and notes closed', () => {
    expect(opened).toEqual({
      engine: undefined,
      to: 'en',
      active: null,
      pinned: false,
      focusable: 'p1:0',
      helpOpen: false,
      notesOpen: false,
    })
  })

  it('lights the pair under the pointer, and keeps a pinned pair lit whatever the pointer does', () => {
    expect(after({ type: 'point', key: 'p2:1' }).active).toBe('p2:1')
    const pinned = after({ type: 'pin', key: 'p3:0' })
    expect(pinned).toMatchObject({ active: 'p3:0', pinned: true, focusable: 'p3:0' })
    expect(readerReducer(pinned, { type: 'point', key: 'p4:0' })).toBe(pinned)
    expect(readerReducer(pinned, { type: 'point', key: null })).toBe(pinned)
  })

  it('unpins when the pinned pair is pressed again, and moves the pin to another pair', () => {
    expect(after({ type: 'pin', key: 'p3:0' }, { type: 'pin', key: 'p3:0' })).toMatchObject({ active: null, pinned: false })
    expect(after({ type: 'pin', key: 'p3:0' }, { type: 'pin', key: 'p5:2' })).toMatchObject({
      active: 'p5:2',
      pinned: true,
      focusable: 'p5:2',
    })
  })

  it('lights and focuses the sentence a key moves to; a jump to an annotation only moves where Tab lands', () => {
    expect(after({ type: 'moveTo', key: 'p2:0' })).toMatchObject({ active: 'p2:0', focusable: 'p2:0' })
    expect(after({ type: 'carryOnFrom', key: 'p7:1' })).toMatchObject({ active: null, focusable: 'p7:1' })
  })

  it('closes with Escape the help first, then the pin, then the notes, then the lit pair', () => {
    let state: ReaderState = after({ type: 'openNotes' }, { type: 'pin', key: 'p2:0' }, { type: 'openHelp' })
    const steps = []
    for (let i = 0; i < 4; i++) {
      state = readerReducer(state, { type: 'escape' })
      steps.push([state.helpOpen, state.pinned, state.notesOpen, state.active])
    }
    expect(steps).toEqual([
      [false, true, true, 'p2:0'],
      [false, false, true, 'p2:0'],
      [false, false, false, 'p2:0'],
      [false, false, false, null],
    ])
  })

  it('toggles help and notes, and keeps the engine and language chosen', () => {
    expect(after({ type: 'toggleHelp' }, { type: 'toggleHelp' }).helpOpen).toBe(false)
    expect(after({ type: 'toggleNotes' }).notesOpen).toBe(true)
    expect(after({ type: 'openNotes' }, { type: 'closeNotes' }).notesOpen).toBe(false)
    expect(after({ type: 'chooseEngine', engine: 'apertium' }, { type: 'chooseTarget', to: 'de' })).toMatchObject({
      engine: 'apertium',
      to: 'de',
    })
  })
})
