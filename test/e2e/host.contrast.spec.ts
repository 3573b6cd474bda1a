/**
 * WCAG AA contrast of the text as drawn: on each screen (library, reader with a translated article, notes, glossary,
 * settings) in each theme, every visible piece of text (an element's own text, or the value of a field) is measured
 * against its effective background: the first opaque background among its ancestors, with the translucent ones in
 * between laid over it. It must reach 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
 * Exempt, as WCAG 1.4.3 allows: text of disabled controls, and placeholders (not elements, so never measured).
 */
import { expect, type Page, test } from '@playwright/test'

import { serveFreshLibrary } from './support/host'
import { prepareLibrary, screens } from './support/sample-library'

const THEMES = ['light', 'dark', 'sepia']

interface LowContrast {
  text: string
  element: string
  colour: string
  background: string
  ratio: number
  required: number
}

/** Every piece of visible text of the page whose contrast with its background is below AA. */
function lowContrastText(page: Page): Promise<LowContrast[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!
    /** Any CSS colour (oklch, color-mix, named…) as sRGB bytes and alpha, as the browser paints it. */
    const rgba = (colour: string): [number, number, number, number] => {
      canvas.clearRect(0, 0, 1, 1)
      canvas.fillStyle = colour
      canvas.fillRect(0, 0, 1, 1)
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data
      return [r!, g!, b!, a! / 255]
    }
    const over = (top: number[], below: number[]) => top.slice(0, 3).map((c, i) => c * top[3]! + below[i]! * (1 - top[3]!))
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4))
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    /** The background the element's text is drawn on: translucent layers over the first opaque one (white at the end). */
    const backgroundOf = (element: Element): number[] => {
      const layers: number[][] = []
      for (let at: Element | null = element; at; at = at.parentElement) {
        const layer = rgba(getComputedStyle(at).backgroundColor)
        if (layer[3] === 0) continue
        layers.push(layer)
        if (layer[3] === 1) break
      }
      return layers.reduceRight<number[]>((below, layer) => over(layer, below), [255, 255, 255])
    }
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}`
    // Fields whose value is drawn as text (a slider's or a checkbox's is not).
    const textField = 'textarea, input:not([type]), input:is([type=text], [type=search], [type=url], [type=email], [type=number])'
    const ownText = (element: Element) =>
      element.matches(textField)
        ? (element as HTMLInputElement).value
        : element instanceof HTMLSelectElement
          ? (element.selectedOptions[0]?.text ?? '')
          : [...element.childNodes]
              .filter((node) => node.nodeType === Node.TEXT_NODE)
              .map((node) => node.textContent)
              .join('')
              .trim()
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect()
      // 1 px boxes are text for screen readers only (clipped), not drawn.
      return box.width > 1 && box.height > 1 && element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    }
    const disabled = (element: Element) => element.matches(':disabled, [aria-disabled="true"], [aria-disabled="true"] *')

    const found: LowContrast[] = []
    for (const element of document.body.querySelectorAll('*')) {
      const text = ownText(element)
      if (!text || element.matches('option, script, style') || !shown(element) || disabled(element)) continue
      const style = getComputedStyle(element)
      const background = backgroundOf(element)
      const colour = over(rgba(style.color), background)
      const [lighter, darker] = [luminance(colour), luminance(background)].sort((a, b) => b - a)
      const ratio = (lighter! + 0.05) / (darker! + 0.05)
      const size = parseFloat(style.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      const required = large ? 3 : 4.5
      if (ratio < required) {
        const hex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`
        found.push({
          text: text.slice(0, 40),
          element: describe(element),
          colour: hex(colour),
          background: hex(background),
          ratio: Math.round(ratio * 100) / 100,
          required,
        })
      }
    }
    return found
  })
}

for (const theme of THEMES) {
  test(`every screen's text is readable in the ${theme} theme (WCAG AA contrast)`, async ({ page }) => {
    test.setTimeout(180_000)
    const host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'], {
      prepare: (userDataDir) => prepareLibrary(userDataDir, { theme }),
    })
    try {
      await page.goto(host.url)
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await page.getByTestId('article-item').filter({ hasText: 'Kazakhstan' }).getByRole('link').click()
      const failures: string[] = []
      for (const screen of screens(page, new URL(page.url()).hash)) {
        await page.goto(`${host.url}${screen.hash}`)
        await screen.ready()
        for (const low of await lowContrastText(page)) {
          failures.push(
            `${screen.name}: ${low.element} "${low.text}" ${low.colour} on ${low.background}: ${low.ratio}:1 (needs ${low.required}:1)`,
          )
        }
      }
      expect([...new Set(failures)], failures.join('\n')).toEqual([])
    } finally {
      await host.stop()
    }
  })
}
