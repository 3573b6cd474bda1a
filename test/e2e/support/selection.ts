import { expect, type Page } from '@playwright/test'

/**
 * Selects a paragraph's text on one side from the start of `from` to the end of `to` (the same phrase by default),
 * as a user dragging over it would: the two ends may be in different sentences.
 */
export async function selectInPane(page: Page, side: 'original' | 'translation', paragraphId: string, from: string, to = from) {
  await page
    .getByTestId(`pane-${side}`)
    .locator(`[data-paragraph="${paragraphId}"]`)
    .evaluate(
      (cell, [first, last]) => {
        const find = (text: string, after: Node | null): [Node, number] => {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
          let passed = after === null
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            passed ||= node === after
            const at = passed ? node.textContent!.indexOf(text) : -1
            if (at >= 0) return [node, at]
          }
          throw new Error(`"${text}" is not in ${cell.getAttribute('data-paragraph')}`)
        }
        const [startNode, start] = find(first!, null)
        const [endNode, end] = find(last!, startNode)
        const range = document.createRange()
        range.setStart(startNode, start)
        range.setEnd(endNode, end + last!.length)
        window.getSelection()!.removeAllRanges()
        window.getSelection()!.addRange(range)
        cell.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
      },
      [from, to],
    )
  await expect(page.getByTestId('selection-toolbar')).toBeVisible()
}
