import { describe, expect, it } from 'vitest'

import { csvDelimiterFor } from '../../renderer/src/format'

describe('the CSV export from the UI', () => {
  it('separates fields with semicolons where the UI language writes decimals with a comma', () => {
    expect(csvDelimiterFor('fr')).toBe(';')
    expect(csvDelimiterFor('en')).toBe(',')
    expect(csvDelimiterFor('zh-CN')).toBe(',')
  })
})
