import { expect, type Page, test } from '@playwright/test'

import { type ServedHost, serveFreshLibrary } from './support/host'

/** Answers that come back late, as on a busy machine, never replace what the reader asked for since. */

let host: ServedHost

test.beforeEach(async () => {
  host = await serveFreshLibrary(['--engine', 'apertium', '--to', 'en'])
})

test.afterEach(async () => {
  await host.stop()
})

/** Asks the host directly, as another window would. */
async function call<T>(page: Page, method: string, args: object): Promise<T> {
  const url = new URL(host.url)
  const response = await page.request.post(`${url.origin}/api/${method}`, {
    headers: { Authorization: `Bearer ${url.searchParams.get('token')}` },
    data: args,
  })
  return ((await response.json()) as { result: T }).result
}

const importText = async (page: Page, text: string) => (await call<{ article: { id: string } }>(page, 'importText', { text })).article.id

test('the notes found for what was typed last stay shown when an earlier search answers late', async ({ page }) => {
  const articleId = await importText(page, 'Le temps de la semaine\n\nIl pleut sur Lyon depuis lundi.\n\nLe soleil revient dimanche.')
  await call(page, 'addAnnotation', { articleId, kind: 'note', paragraphId: 'p1', note: 'pluie à Lyon' })
  await call(page, 'addAnnotation', { articleId, kind: 'note', paragraphId: 'p2', note: 'soleil dimanche' })
  let earlierAnswered: () => void = () => undefined
  const earlierAnswer = new Promise<void>((resolve) => (earlierAnswered = resolve))
  await page.route('**/api/searchAnnotations', async (route) => {
    const held = (route.request().postDataJSON() as { query?: string }).query === 'pluie'
    if (held) await new Promise((resolve) => setTimeout(resolve, 1500))
    await route.continue()
    if (held) earlierAnswered()
  })

  await page.goto(`${host.url}#/notes`)
  const cards = page.getByTestId('note-card')
  await expect(cards).toHaveCount(2)
  const search = page.getByLabel('Search the notes')
  await search.fill('pluie')
  await page.waitForTimeout(400) // past the pause that sends the search
  await search.fill('soleil')
  await expect(cards).toHaveText([/soleil dimanche/])
  await earlierAnswer
  await page.waitForTimeout(500)
  await expect(cards).toHaveText([/soleil dimanche/])
})
