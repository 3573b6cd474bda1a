import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const css = readFileSync(join(import.meta.dirname, '../../renderer/src/styles.css'), 'utf8')

type Theme = 'light' | 'dark' | 'sepia'

/**
 * The colours of a theme: `:root` gives each as `light-dark(light, dark)` (light and dark pick a side), and the
 * sepia block overrides some with plain colours over the light side.
 */
function themeColours(theme: Theme): Record<string, string> {
  const block = (selector: string) => {
    const at = css.indexOf(`${selector} {`)
    if (at < 0) throw new Error(`no ${selector} block in styles.css`)
    return css.slice(at, css.indexOf('}', at))
  }
  const side = theme === 'dark' ? 2 : 1
  const base = Object.fromEntries(
    [...block(':root').matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)\s*;/g)].map((m) => [
      m[1]!,
      m[1 + side]!,
    ]),
  )
  const sepia = theme === 'sepia' ? block(":root[data-theme='sepia']") : ''
  return { ...base, ...Object.fromEntries([...sepia.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!])) }
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
  ...(['yellow', 'green', 'blue', 'pink', 'purple'] as const).map((colour): [string, string] => ['text', `hl-${colour}`]),
]

/** Lines and marks that carry meaning without being text (WCAG 1.4.11, 3:1): a highlight's counterpart underline. */
const NON_TEXT_PAIRS: [string, string][] = (['yellow', 'green', 'blue', 'pink', 'purple'] as const).flatMap(
  (colour): [string, string][] => [
    [`hl-${colour}-line`, 'bg'],
    [`hl-${colour}-line`, 'surface'],
  ],
)

describe('colour contrast (WCAG AA, 4.5:1 for text)', () => {
  it.each<Theme>(['light', 'dark', 'sepia'])('holds in the %s theme', (theme) => {
    const colours = themeColours(theme)
    const failing = PAIRS.flatMap(([fg, bg]) => {
      const ratio = contrast(colours[fg]!, colours[bg]!)
      return ratio < 4.5 ? [`${fg} on ${bg}: ${ratio.toFixed(2)}`] : []
    })
    expect(failing).toEqual([])
  })

  it.each<Theme>(['light', 'dark', 'sepia'])('holds for marks (3:1) in the %s theme', (theme) => {
    const colours = themeColours(theme)
    const failing = NON_TEXT_PAIRS.flatMap(([fg, bg]) => {
      const ratio = contrast(colours[fg]!, colours[bg]!)
      return ratio < 3 ? [`${fg} on ${bg}: ${ratio.toFixed(2)}`] : []
    })
    expect(failing).toEqual([])
  })
})
