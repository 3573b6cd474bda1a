import { expect, type Page, test } from '@playwright/test'

import { type ServedHost, serveFreshLibrary } from './support/host'
import { selectInPane } from './support/selection'

let host: ServedHost

test.beforeEach(async () => {
  host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'])
})

test.afterEach(async () => {
  await host.stop()
})

const PARAGRAPHS = 2000
/** A word found once in the article, in a paragraph near its end. */
const RARE = 'ornithorynque'
const RARE_IN = 1950
/** Far more rows than a window shows, far fewer than the article has. */
const FEW_ROWS = 100

const original = (page: Page) => page.getByTestId('pane-original')
const rowsInPage = (page: Page) => original(page).locator('.cell').count()
const cellOf = (page: Page, number: number) =>
  original(page)
    .locator('.cell')
    .filter({ hasText: `Paragraphe ${number} :` })

function longArticle(): string {
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => {
    const rare = i + 1 === RARE_IN ? ` Un ${RARE} traverse la salle.` : ''
    return `Paragraphe ${i + 1} : la commission examine le rapport et les membres votent la proposition.${rare} La séance continue.`
  })
  return `Un très long rapport de la commission\n\n${paragraphs.join('\n\n')}\n`
}

async function openLongArticle(page: Page) {
  await page.goto(host.url)
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'rapport.txt', mimeType: 'text/plain', buffer: Buffer.from(longArticle()) })
  await page.getByTestId('article-item').getByRole('link').click()
  await expect(cellOf(page, 1)).toBeVisible()
}

/** The number of the first paragraph in view, below the sticky toolbar. */
function firstInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const cells = [...document.querySelectorAll<HTMLElement>('[data-testid="pane-original"] .cell')]
    const first = cells.find((cell) => cell.getBoundingClientRect().bottom > 120)
    return Number(/Paragraphe (\d+) :/.exec(first?.textContent ?? '')?.[1] ?? 0)
  })
}

/** How far apart, at most, the tops of a paragraph and of its translation are, over the rows in the page (a missing side is infinitely far). */
function unevenness(page: Page): Promise<number> {
  return page.evaluate(() => {
    let most = 0
    for (const cell of document.querySelectorAll<HTMLElement>('.cell-original')) {
      const other = document.querySelector(`.cell-translation[data-paragraph="${cell.dataset.paragraph}"]`)
      most = Math.max(most, other ? Math.abs(cell.getBoundingClientRect().top - other.getBoundingClientRect().top) : Infinity)
    }
    return most
  })
}

const painted = (page: Page, name: string) =>
  page.evaluate((highlight) => [...(CSS.highlights.get(highlight) ?? [])].map((range) => (range as Range).toString()), name)

test('a book-length article keeps only a few rows in the page, both panes level, and find reaches its end', async ({ page }) => {
  await openLongArticle(page)
  expect(await rowsInPage(page)).toBeLessThan(FEW_ROWS)
  expect(await unevenness(page)).toBeLessThan(1)

  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight / 2))
  await expect.poll(() => firstInView(page)).toBeGreaterThan(500)
  expect(await rowsInPage(page)).toBeLessThan(FEW_ROWS)
  expect(await unevenness(page)).toBeLessThan(1)

  await page.keyboard.press('Control+f')
  await page.keyboard.type(RARE)
  await expect(page.getByTestId('find-bar')).toContainText(/1 of \d/)
  await expect(cellOf(page, RARE_IN)).toBeInViewport()
  await expect.poll(() => painted(page, 'visavis-find-current')).toEqual([RARE])
  expect(await rowsInPage(page)).toBeLessThan(FEW_ROWS)
})

test('a book-length article reopens near its end, where the reader was', async ({ page }) => {
  await openLongArticle(page)
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight * 0.95))
  await expect.poll(() => firstInView(page)).toBeGreaterThan(1800)
  const reached = await firstInView(page)
  const articleId = /#\/article\/([^/]+)/.exec(page.url())![1]!
  await expect.poll(() => savedPosition(page, articleId), { timeout: 10_000 }).toBe(`p${reached}`)

  await page.reload()
  await expect(cellOf(page, reached)).toBeVisible()
  await expect.poll(() => firstInView(page)).toBe(reached)
})

test('a highlight and a bookmark on a far paragraph are still shown after scrolling away and back', async ({ page }) => {
  const far = 1500
  await openLongArticle(page)
  await page.keyboard.press('Control+f')
  await page.keyboard.type(`Paragraphe ${far} :`)
  await expect(cellOf(page, far)).toBeInViewport()
  await page.keyboard.press('Escape')
  const paragraphId = (await cellOf(page, far).getAttribute('data-paragraph'))!

  await selectInPane(page, 'original', paragraphId, 'la commission examine')
  await page.getByTestId('selection-toolbar').getByRole('button', { name: 'Highlight in yellow' }).click()
  await expect.poll(() => painted(page, 'visavis-yellow')).toEqual(['la commission examine'])
  await cellOf(page, far).hover()
  await cellOf(page, far).getByTestId('bookmark-toggle').click()
  await expect(cellOf(page, far)).toHaveAttribute('data-bookmarked', 'true')
  const there = await page.evaluate(() => window.scrollY)

  await page.evaluate(() => window.scrollTo(0, 0))
  await expect(cellOf(page, far)).toHaveCount(0)
  await expect.poll(() => painted(page, 'visavis-yellow')).toEqual([])

  await page.evaluate((y) => window.scrollTo(0, y), there)
  await expect(cellOf(page, far)).toBeInViewport()
  await expect.poll(() => painted(page, 'visavis-yellow')).toEqual(['la commission examine'])
  await expect(cellOf(page, far)).toHaveAttribute('data-bookmarked', 'true')
})

test('rows follow the article header when it grows: the window stays full of rows', async ({ page }) => {
  await openLongArticle(page)
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight / 2))
  await expect.poll(() => firstInView(page)).toBeGreaterThan(500)
  expect(await windowFilled(page)).toBe(true)

  // Taller than the rows kept beyond the window's edges, as a late font or a long translated title can make it.
  await page.evaluate(() => {
    document.querySelector<HTMLElement>('.reader-header')!.style.paddingTop = '3000px'
    window.scrollBy(0, 10)
  })
  await expect.poll(() => windowFilled(page)).toBe(true)
  expect(await unevenness(page)).toBeLessThan(1)
})

test('a paragraph waiting for its translation pulses as one, not line by line', async ({ page }) => {
  await openLongArticle(page)
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight / 2))
  await expect(page.locator('.placeholder').first()).toBeAttached()
  const { animations, placeholders } = await page.evaluate(() => ({
    animations: document.getAnimations().filter((animation) => (animation as CSSAnimation).animationName === 'pulse').length,
    placeholders: document.querySelectorAll('.placeholder').length,
  }))
  expect(animations).toBeGreaterThan(0)
  // Each animated element is a layer to draw again every frame: a long article's scroll stays light with few.
  expect(animations).toBeLessThanOrEqual(placeholders)
})

/** Whether rows fill the window from under the sticky toolbar to its bottom, with no room between them wider than a margin. */
function windowFilled(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const [top, bottom, margin] = [120, window.innerHeight, 40]
    const inView = [...document.querySelectorAll('[data-testid="pane-original"] .cell')]
      .map((cell) => cell.getBoundingClientRect())
      .filter((box) => box.bottom > top && box.top < bottom)
      .sort((a, b) => a.top - b.top)
    let reached = top
    for (const box of inView) {
      if (box.top > reached + margin) return false
      reached = Math.max(reached, box.bottom)
    }
    return reached >= bottom - margin
  })
}

/** The reading position the library has for the article, asked of the host as the app would. */
async function savedPosition(page: Page, id: string): Promise<string | null> {
  const token = new URL(host.url).searchParams.get('token')
  const response = await page.request.post(new URL('/api/getArticle', host.url).href, {
    headers: { Authorization: `Bearer ${token}` },
    data: { id },
  })
  return ((await response.json()) as { result: { position: string | null } }).result.position
}
