/**
 * Renders resources/icon.svg to the PNG icons the packages need (`npm run icons`):
 * resources/icons/<N>x<N>.png for N = 16…1024 (Linux takes the folder; the window uses 256) and
 * resources/icon.png at 1024 px, which electron-builder turns into the Windows .ico and the macOS .icns.
 * Chromium draws the SVG (Debian's /usr/bin/chromium, or VISAVIS_CHROMIUM), so the PNGs match what the app shows.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { chromium } from '@playwright/test'

const ROOT = join(import.meta.dirname, '..')
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

async function main(): Promise<void> {
  const svg = await readFile(join(ROOT, 'resources/icon.svg'), 'utf8')
  const outDir = join(ROOT, 'resources/icons')
  await mkdir(outDir, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.VISAVIS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
      const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style></head>` +
          `<body><img src="${dataUrl}" alt=""></body></html>`,
      )
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode())
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
      await writeFile(join(outDir, `${size}x${size}.png`), png)
      if (size === 1024) await writeFile(join(ROOT, 'resources/icon.png'), png)
      await page.close()
      console.log(`resources/icons/${size}x${size}.png`)
    }
  } finally {
    await browser.close()
  }
  console.log('resources/icon.png (1024 px, for the .ico and .icns)')
}

await main()
