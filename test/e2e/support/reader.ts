import { expect, type Page } from '@playwright/test'

export const original = (page: Page) => page.getByTestId('pane-original')
export const translation = (page: Page) => page.getByTestId('pane-translation')

/**
 * From the library at `url`, imports the file and opens it in the reader, as a user would; with `translated`,
 * waits until that many paragraphs are translated.
 */
export async function openArticle(page: Page, url: string, file: string, translated?: number) {
  await page.goto(url)
  await page.getByTestId('import-file-input').setInputFiles(file)
  await page.getByTestId('article-item').getByRole('link').first().click()
  if (translated !== undefined) await expectTranslated(page, translated)
}

export async function expectTranslated(page: Page, paragraphs: number) {
  await expect(translation(page).locator('.cell-translation[data-state="done"]')).toHaveCount(paragraphs, { timeout: 30_000 })
}
