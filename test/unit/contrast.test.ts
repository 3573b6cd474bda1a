import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const css = readFileSync(join(import.meta.dirname, '../../renderer/src/styles.css'), 'utf8')

/** The colour variables a theme block sets, over the light defaults of `:root`. */
function themeColours(selector: string): Record<string, string> {
  const block = (start: string) => {
    const at = css.indexOf(`${start} {`)
    if (at < 0) throw new Error(`no ${start} block in styles.css`)
    return css.slice(at, css.indexOf('}', at))
  }
  const read = (text: string) => Object.fromEntries([...text.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!]))
  return { ...read(block(':root')), ...(selector === ':root' ? {} : read(block(selector))) }
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}

/** Text colour on background colour, everywhere the app draws text. */
const PAIRS: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent-text', 'accent'],
  ['error-text', 'error-bg'],
  ['warning-text', 'warning-bg'],
  ['danger', 'surface'],
  ['text', 'active-bg'],
  ['text', 'mark-bg'],
  ['text', 'tag-bg'],
]

describe('colour contrast (WCAG AA, 4.5:1 for text)', () => {
  it.each([':root', ":root[data-theme='dark']", ":root[data-theme='sepia']"])('holds in %s', (selector) => {
    const colours = themeColours(selector)
    const failing = PAIRS.flatMap(([fg, bg]) => {
      const ratio = contrast(colours[fg]!, colours[bg]!)
      return ratio < 4.5 ? [`${fg} on ${bg}: ${ratio.toFixed(2)}`] : []
    })
    expect(failing).toEqual([])
  })
})
