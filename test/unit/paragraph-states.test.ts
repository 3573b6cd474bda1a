import { describe, expect, it } from 'vitest'

import { ParagraphStates } from '../../renderer/src/reader/paragraph-states'

const ids = Array.from({ length: 5000 }, (_, i) => `p${i + 1}`)
const pending = () => ParagraphStates.of(ids.map((id) => [id, 'pending']))

describe('ParagraphStates, the reader’s translation state of each paragraph', () => {
  it('sets the states changed and keeps every other, leaving the value it came from as it was', () => {
    const before = pending()
    const after = before.with([
      ['p1', 'done'],
      ['p4321', 'error'],
    ])
    expect(ids.filter((id) => after.get(id) !== 'pending')).toEqual(['p1', 'p4321'])
    expect([after.get('p1'), after.get('p4321')]).toEqual(['done', 'error'])
    expect(ids.every((id) => before.get(id) === 'pending')).toBe(true)
    expect(after.get('p5001')).toBeUndefined()
  })

  it('is a new value for React after a change, the same one after no change', () => {
    const before = pending()
    expect(before.with([['p7', 'done']])).not.toBe(before)
    expect(before.with([])).toBe(before)
  })

  it('passes every state through a change, as when the work stops', () => {
    const stopped = pending()
      .with([['p2', 'done']])
      .map((state) => (state === 'pending' ? 'stopped' : state))
    expect(ids.filter((id) => stopped.get(id) !== 'stopped')).toEqual(['p2'])
  })
})
