// Book-length articles in the reader: `npx tsx bench/long-article.ts [paragraphs] [engine]` (default 5,000, about 250k
// words, Apertium). Imports a generated French-like article and the sample article through the browser host (`visavis
// serve`, into English), opens each in Chromium and measures the reader: first paint, the longest frame while paging
// down to the end (the engine translating meanwhile), and the renderer's JS heap. Each figure is printed beside its
// goal, with the ratio (above 1 is better). With `libretranslate` as the engine (not set up here), nothing translates:
// the figures are the reader's alone.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { chromium, type Page } from '@playwright/test'

import { CHROMIUM_PATH } from '../playwright.config'
import { serveFreshLibrary } from '../test/e2e/support/host'
import { SEED_PATH, SEED_TITLE } from '../test/support/seed'
import { createTextGenerator } from './french-like'
import { type Figure, report } from './lib/report'

const paragraphCount = Number(process.argv[2] ?? 5000)
const engine = process.argv[3] ?? 'apertium'
const workDir = await mkdtemp(join(tmpdir(), 'visavis-long-'))
const longPath = join(workDir, 'long-article.txt')
const longText = createTextGenerator().longArticle(paragraphCount)
await writeFile(longPath, longText)

const host = await serveFreshLibrary(['--engine', engine, '--to', 'en'])
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  // tsx keeps functions' names with a helper the page does not have: the functions evaluated in it need one.
  await page.addInitScript({ content: 'window.__name = (f) => f' })
  await page.goto(host.url)
  const importStarted = performance.now()
  await page.getByTestId('import-file-input').setInputFiles(longPath)
  await page.getByTestId('article-item').first().waitFor({ timeout: 600_000 })
  const importSeconds = (performance.now() - importStarted) / 1000
  await page.getByTestId('import-file-input').setInputFiles(SEED_PATH)
  await page.getByTestId('article-item').nth(1).waitFor({ timeout: 60_000 })

  const words = longText.split(/\s+/).length
  console.log(`\nA generated article of ${paragraphCount.toLocaleString('en')} paragraphs, ${words.toLocaleString('en')} words`)
  console.log(`(imported through the browser host in ${importSeconds.toFixed(1)} s; ${engine} translating while measured)\n`)
  report(figures(await measureReader(page, (title) => title !== SEED_TITLE)))
  console.log('\nThe sample article\n')
  report(figures(await measureReader(page, (title) => title === SEED_TITLE)))
} finally {
  await browser.close()
  await host.stop()
  await rm(workDir, { recursive: true, force: true })
}

type Measured = Awaited<ReturnType<typeof measureReader>>

function figures(measured: Measured): Figure[] {
  return [
    ['first paint of the reader (ms)', measured.firstPaintMs, 1500, 'lower'],
    [`longest frame, ${measured.pages} pages down${measured.reachedEnd ? '' : ' (4 min)'} (ms)`, measured.longestFrameMs, 50, 'lower'],
    ['long animation frames (count, over 50 ms)', measured.longFrames, null, 'lower'],
    ['JS heap once open (MB)', measured.openHeapMb, null, 'lower'],
    ['JS heap at the end (MB)', measured.endHeapMb, 300, 'lower'],
    ['paragraphs in the page at the end', measured.cells, null, 'lower'],
  ]
}

/** Opens from the library the article whose title passes `isIt`, and measures the reader on it. */
async function measureReader(page: Page, isIt: (title: string) => boolean) {
  await page.goto(host.url)
  const links = page.getByTestId('article-item').getByRole('link')
  await links.nth(1).waitFor()
  const titles = await links.evaluateAll((anchors) => anchors.map((a) => a.querySelector('.article-title')?.textContent))
  const index = titles.findIndex((title) => isIt((title ?? '').trim()))
  if (index < 0) throw new Error(`no such article among ${titles.join(' | ')}`)
  const cdp = await page.context().newCDPSession(page)
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024
  }

  const firstPaintMs = await links.nth(index).evaluate(async (anchor: HTMLElement) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
    const started = performance.now()
    anchor.click()
    while (!document.querySelector('.cell-original')) await frame()
    // The frame after the one that drew the first cell: it has been painted by then.
    await frame()
    return performance.now() - started
  })
  const openHeapMb = await heapMb()

  const scrolled = await page.evaluate(async () => {
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
    let longFrames = 0
    const observer = new PerformanceObserver((list) => (longFrames += list.getEntries().length))
    observer.observe({ type: 'long-animation-frame' })
    const scroller = document.scrollingElement!
    let [longestFrameMs, last, pages] = [0, await frame(), 0]
    // A reader too slow to page through in four minutes is measured on the pages it reached.
    const deadline = performance.now() + 240_000
    while (scroller.scrollTop + innerHeight < scroller.scrollHeight - 1 && performance.now() < deadline) {
      window.scrollBy(0, innerHeight)
      pages += 1
      for (let i = 0; i < 2; i++) {
        const now = await frame()
        longestFrameMs = Math.max(longestFrameMs, now - last)
        last = now
      }
    }
    observer.disconnect()
    return { longestFrameMs, longFrames, pages, reachedEnd: performance.now() < deadline }
  })
  const endHeapMb = await heapMb()
  const cells = await page.locator('.cell-original').count()
  await cdp.detach()
  return { firstPaintMs, openHeapMb, endHeapMb, cells, ...scrolled }
}
