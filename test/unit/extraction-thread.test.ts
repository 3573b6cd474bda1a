/** Imported pages are read off the main thread, within a time limit, and a page too large to read is refused early. */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createExtractionThread, type ExtractionThread } from '../../main/core/import/extraction-thread'
import { MAX_NESTING } from '../../main/core/import/page-limits'
import { extractionWorkerOfSources } from '../support/source-worker'
import { useLibraries } from '../support/temp-dir'

const SENTENCE = 'Le conseil municipal a voté mercredi le budget de la ville pour l’année prochaine.'

/** Readability's slow case below the nesting limit: many columns nested 250 deep (some 3 s for 300 KB). */
function slowPage(columns: number): string {
  const column = `${'<div>'.repeat(MAX_NESTING - 6)}<p>${SENTENCE}</p>${'</div>'.repeat(MAX_NESTING - 6)}`
  return `<html><body>${column.repeat(columns)}</body></html>`
}

const article = (title: string, text = SENTENCE) =>
  `<html><head><title>${title}</title></head><body><article><p>${text}</p></article></body></html>`
/** The longest time the event loop went without running a 10 ms timer, until `stop()`. */
function longestStall() {
  let last = performance.now()
  let longest = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 10)
  return {
    stop() {
      clearInterval(ticker)
      return Math.max(longest, performance.now() - last)
    },
  }
}

const asFile = (fileName: string, html: string) => ({ fileName, base64: Buffer.from(html).toString('base64') })

describe('reading imported pages in a worker thread', () => {
  const { tempDir, openCore } = useLibraries()
  const threads: ExtractionThread[] = []
  afterEach(async () => Promise.all(threads.splice(0).map((thread) => thread.close())))

  it('keeps the event loop free while a slow page is read', { timeout: 60_000 }, async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    await core.importFile(asFile('warm-up.html', article('Échauffement', 'Le marché couvert rouvre ses portes samedi.'))) // the worker starts
    const stall = longestStall()
    const started = performance.now()
    const { status } = await core.importFile(asFile('slow.html', slowPage(100)))
    const took = performance.now() - started
    const longest = stall.stop()
    expect(status).toBe('imported')
    expect(took).toBeGreaterThan(1000)
    // Read on the main thread, the loop would stand still for the whole import.
    expect(longest).toBeLessThan(took / 3)
  })

  it('says so when its worker ends before it is ready, instead of waiting for it forever', async () => {
    const endsAtOnce = join(await tempDir(), 'ends-at-once.mjs')
    await writeFile(endsAtOnce, '// a worker that ends without saying it is ready\n')
    const thread = createExtractionThread({ workerEntry: endsAtOnce })
    threads.push(thread)
    const page = { sourceName: 'page.html', bytes: Buffer.from(article('Un titre')), url: null }
    // Waiting forever is what broke: the process ended mid-import, with nothing said (exit code 13).
    const stillWaiting = new Promise((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000).unref())
    await expect(Promise.race([thread.extract(page), stillWaiting])).rejects.toThrow(/stopped \(exit code 0\) before it was ready/)
    expect(await Promise.race([thread.close().then(() => 'closed'), stillWaiting])).toBe('closed')
  })

  it('stops a page that takes longer than the limit, in words, and reads the next one', { timeout: 60_000 }, async () => {
    const thread = createExtractionThread({ workerEntry: extractionWorkerOfSources(), timeLimitMs: 800 })
    threads.push(thread)
    const small = { sourceName: 'small.html', bytes: Buffer.from(article('Un titre')), url: null }
    expect((await thread.extract(small)).paragraphs).toEqual([{ text: SENTENCE }])
    await expect(thread.extract({ sourceName: 'slow.html', bytes: Buffer.from(slowPage(200)), url: null })).rejects.toMatchObject({
      code: 'invalid_input',
      messageCode: 'page_too_slow',
      params: { file: 'slow.html', seconds: '0.8' },
    })
    expect((await thread.extract(small)).paragraphs).toEqual([{ text: SENTENCE }])
  })

  it('refuses 19 MB of text and markup at once, instead of parsing it in some 700 MB', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const paragraphs = Array.from({ length: 110_000 }, (_, i) => `<p>${SENTENCE} (${i})</p>`).join('\n')
    const page = `<html><body><article>${paragraphs}</article></body></html>`
    expect(page.length).toBeGreaterThan(10 * 1024 * 1024)
    const rssBefore = process.memoryUsage().rss
    await expect(core.importFile(asFile('huge.html', page))).rejects.toMatchObject({
      code: 'invalid_input',
      messageCode: 'page_too_large',
      params: { file: 'huge.html', limit: '4' },
    })
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024)
  })

  it('still imports a page saved whole, whose scripts, styles and images make it large', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const image = `<img src="data:image/png;base64,${'iVBORw0KGgo'.repeat(300_000)}">`
    const script = `<script>var data = "${'x'.repeat(3_000_000)}";</script>`
    const style = `<style>${'.a { color: red } '.repeat(200_000)}</style>`
    const page = `<html><head>${script}${style}<title>Le budget</title></head><body><article>${image}<p>${SENTENCE}</p><!-- ${'c'.repeat(1_000_000)} --></article></body></html>`
    expect(page.length).toBeGreaterThan(10 * 1024 * 1024)
    const { status, article: imported } = await core.importFile(asFile('saved.html', page))
    expect(status).toBe('imported')
    expect((await core.getArticle({ id: imported.id })).paragraphs.map((p) => p.text)).toEqual([SENTENCE])
  })
})
