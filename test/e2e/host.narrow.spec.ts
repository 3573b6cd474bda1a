/**
 * Narrow and wide windows in every UI language: no screen scrolls sideways, every label of the header and the reader's
 * toolbar is on one line (so never one character per line, as Chinese breaks when squeezed), each bar is one row, and
 * no control is cut off or overlaps another.
 * A full-page screenshot of each screen, width and language is saved under test-results/narrow/ to be looked at.
 */
import { join } from 'node:path'

import { expect, type Page, test } from '@playwright/test'

import { serveFreshLibrary } from './support/host'
import { prepareLibrary, screens } from './support/sample-library'
const SCREENSHOTS = join(import.meta.dirname, '../../test-results/narrow')

const WIDTHS = [800, 1280]
/** The labels of the app's bars: the places, the import buttons, the reader's controls. */
const LABELS = '.app-header :is(a, button), .reader-bar :is(a, button, .compact-field > span)'
/** Everything drawn in the bars: each must be whole in the window, clear of the others, and in one row. */
const CONTROLS = `${LABELS}, .app-brand, .reader-bar :is(select, .reader-bar-title, .translation-progress)`

/** Labels laid out on more than one line, each line's text joined by " / ": squeezed, Chinese ones break as "文 / 库". */
function wrappedLabels(page: Page): Promise<string[]> {
  return page.locator(LABELS).evaluateAll((labels) => {
    const lineTexts = (label: Element): string[] => {
      const lines: { top: number; text: string }[] = []
      const range = document.createRange()
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (let i = 0; i < node.data.length; i++) {
          if (/\s/.test(node.data[i]!)) continue
          range.setStart(node, i)
          range.setEnd(node, i + 1)
          const box = range.getBoundingClientRect()
          // Glyphs of two fonts on one line differ in top by a little, lines by a whole line height.
          const line = lines.find((seen) => Math.abs(seen.top - box.top) < box.height / 2)
          if (line) line.text += node.data[i]
          else lines.push({ top: box.top, text: node.data[i]! })
        }
      }
      return lines.map((line) => line.text)
    }
    return labels
      .filter((label) => label.checkVisibility())
      .map(lineTexts)
      .filter((lines) => lines.length > 1)
      .map((lines) => lines.join(' / '))
  })
}

/** Controls of the bars not whole in the window, drawn over another one, or wrapped below the bar's first row. */
function barProblems(page: Page): Promise<string[]> {
  return page.locator('.app-header, .reader-bar').evaluateAll((bars, selector) => {
    const width = document.documentElement.clientWidth
    const text = (element: Element) => (element instanceof HTMLSelectElement ? element.selectedOptions[0]?.text : element.textContent)
    const name = (element: Element) => `"${(text(element) ?? '').trim().slice(0, 30) || element.className}"`
    return bars.flatMap((bar) => {
      const shown = [...bar.querySelectorAll(selector)].filter((element) => element.checkVisibility())
      const boxes = shown.map((element) => element.getBoundingClientRect())
      const inBar = (i: number) => !shown[i]!.closest('.more-menu-items')
      const firstRowBottom = Math.min(...boxes.filter((_, i) => inBar(i)).map((box) => box.bottom))
      const problems: string[] = []
      shown.forEach((element, i) => {
        const box = boxes[i]!
        if (box.left < 0 || box.right > width + 0.5 || box.top < 0) problems.push(`${name(element)} sticks out of the window`)
        if (inBar(i) && box.top >= firstRowBottom) problems.push(`${name(element)} wraps below the bar's first row`)
        for (let j = i + 1; j < shown.length; j++) {
          const other = boxes[j]!
          if (element.contains(shown[j]!) || shown[j]!.contains(element)) continue
          const overlapX = Math.min(box.right, other.right) - Math.max(box.left, other.left)
          const overlapY = Math.min(box.bottom, other.bottom) - Math.max(box.top, other.top)
          if (overlapX > 1 && overlapY > 1) problems.push(`${name(element)} overlaps ${name(shown[j]!)}`)
        }
      })
      return problems
    })
  }, CONTROLS)
}

async function expectFits(page: Page, where: string) {
  const { scrollWidth, clientWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
    innerWidth: window.innerWidth,
  }))
  // Nor under a vertical scrollbar: clientWidth leaves it out.
  expect(scrollWidth, `${where}: page width`).toBeLessThanOrEqual(Math.min(clientWidth, innerWidth))
  expect(await wrappedLabels(page), `${where}: labels on more than one line`).toEqual([])
  expect(await barProblems(page), `${where}: controls of the bars`).toEqual([])
}

/** The bar's "More" menu, when the window is narrow enough to have one: opened and left with the keyboard, it fits too. */
async function expectMenuFits(page: Page, where: string, screenshot: string) {
  // The bars' menu, not the library rows' own ⋯ menus.
  const more = page.locator(':is(.app-header, .reader-bar) .more-menu-toggle')
  if (!(await more.isVisible())) return
  await more.focus()
  await page.keyboard.press('Enter')
  await expect(more).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('Tab')
  await expect(page.locator('.more-menu-items :focus')).toHaveCount(1)
  await page.screenshot({ path: screenshot, fullPage: true })
  await expectFits(page, `${where}, menu open`)
  await page.keyboard.press('Escape')
  await expect(more).toHaveAttribute('aria-expanded', 'false')
  await expect(more).toBeFocused()
}

for (const uiLanguage of ['en', 'fr', 'zh-CN']) {
  test(`every screen fits windows 800 and 1280 px wide in the ${uiLanguage} interface`, async ({ page }) => {
    test.setTimeout(180_000)
    const host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'], {
      prepare: (userDataDir) => prepareLibrary(userDataDir, { uiLanguage }),
    })
    try {
      await page.goto(host.url)
      await page.getByTestId('article-item').filter({ hasText: 'Kazakhstan' }).getByRole('link').click()
      const all = screens(page, new URL(page.url()).hash)
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 })
        for (const screen of all) {
          await page.goto(`${host.url}${screen.hash}`)
          await screen.ready()
          const where = `${screen.name} at ${width} px in ${uiLanguage}`
          const file = (suffix = '') => join(SCREENSHOTS, `${screen.name}-${width}-${uiLanguage}${suffix}.png`)
          await page.screenshot({ path: file(), fullPage: true })
          await expectFits(page, where)
          await expectMenuFits(page, where, file('-menu'))
        }
      }
    } finally {
      await host.stop()
    }
  })
}
