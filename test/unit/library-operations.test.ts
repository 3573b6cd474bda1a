import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { cliInProcess as cli } from '../support/cli-in-process'
import { SEED_PATH, SEED_TITLE } from '../support/seed'
import { useLibraries } from '../support/temp-dir'

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64')
const FRENCH_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Les vendanges commencent - Le Journal</title>
<meta property="og:title" content="Les vendanges commencent"></head><body><nav>Accueil Politique Économie</nav>
<article><h1>Les vendanges commencent</h1>
<p>Les vignerons de Bourgogne ont commencé les vendanges lundi, avec deux semaines d'avance sur le calendrier habituel.</p>
<p>La chaleur de l'été a fait mûrir le raisin plus vite que prévu, selon les producteurs interrogés dans la région.</p>
<p>Les premières estimations annoncent une récolte abondante et de belle qualité pour cette année exceptionnelle.</p>
</article><footer>Mentions légales</footer></body></html>`

describe('batch import', () => {
  const { tempDir, openCore } = useLibraries()

  it('imports a batch, reports duplicates (in the library and within the batch) and failures, and goes on past them', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    await core.importText({ text: 'Déjà là\n\nCet article est déjà dans la bibliothèque.' })
    const outcomes = await core.importFiles({
      files: [
        { fileName: 'a.txt', base64: b64('Premier\n\nUn premier article en français.') },
        { fileName: 'empty.txt', base64: '' },
        { fileName: 'again.txt', base64: b64('Déjà là\n\nCet article est déjà dans la bibliothèque.') },
        { fileName: 'page.html', base64: b64(FRENCH_PAGE) },
        { fileName: 'a-copy.txt', base64: b64('Premier\n\nUn premier article en français.') },
        { fileName: 'image.png', base64: b64('not really') },
      ],
    })
    expect(outcomes.map((o) => [o.fileName, o.status])).toEqual([
      ['a.txt', 'imported'],
      ['empty.txt', 'failed'],
      ['again.txt', 'duplicate'],
      ['page.html', 'imported'],
      ['a-copy.txt', 'duplicate'],
      ['image.png', 'failed'],
    ])
    expect(outcomes[1]).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('empty.txt') } })
    expect(await core.listArticles({})).toHaveLength(3)
  })

  it('reads a saved French page into a clean article', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const { article } = await core.importFile({ fileName: 'vendanges.html', base64: b64(FRENCH_PAGE) })
    const full = await core.getArticle({ id: article.id })
    expect(full.title).toBe('Les vendanges commencent')
    expect(full.lang).toBe('fr')
    expect(full.paragraphs.map((p) => p.text)).toEqual([
      expect.stringMatching(/^Les vignerons de Bourgogne/),
      expect.stringMatching(/^La chaleur de l'été/),
      expect.stringMatching(/^Les premières estimations/),
    ])
  })

  it('marks a non-French article with its language', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const { article } = await core.importText({
      text: 'Harvest begins\n\nWinemakers in Burgundy started the harvest on Monday, two weeks earlier than usual, after a hot summer.',
    })
    expect(article.lang).toBe('en')
  })
})

describe('delete, undo and tags', () => {
  const { tempDir, openCore } = useLibraries()

  it('deletes an article into the trash and restores it with its text and search entry', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    const { article } = await core.importText({ text: await readFile(SEED_PATH, 'utf8') })

    await core.deleteArticle({ id: article.id })
    expect(await core.listArticles({})).toEqual([])
    expect(await core.search({ query: 'Kazakhstan' })).toEqual([])
    await expect(core.getArticle({ id: article.id })).rejects.toMatchObject({ code: 'not_found' })
    expect(await readdir(join(libraryDir, 'trash'))).toEqual([article.id])

    await core.restoreArticle({ id: article.id })
    expect((await core.listArticles({})).map((a) => a.title)).toEqual([SEED_TITLE])
    expect((await core.getArticle({ id: article.id })).paragraphs).toHaveLength(16)
    expect((await core.search({ query: 'Kazakhstan' })).map((hit) => hit.id)).toEqual([article.id])
  })

  it('empties the trash after 30 days', async () => {
    const libraryDir = await tempDir()
    let now = new Date('2026-01-01T00:00:00Z')
    const core = await openCore({ libraryDir, now: () => now })
    const { article } = await core.importText({ text: 'Titre\n\nUn texte à jeter.' })
    await core.deleteArticle({ id: article.id })
    now = new Date('2026-02-15T00:00:00Z')
    const later = await openCore({ libraryDir, now: () => now })
    await expect(later.restoreArticle({ id: article.id })).rejects.toMatchObject({ code: 'not_found' })
    expect(await readdir(join(libraryDir, 'trash'))).toEqual([])
  })

  it('sets tags, trimmed and without repeats, and keeps them across reopening', async () => {
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    const { article } = await core.importText({ text: 'Titre\n\nUn texte à étiqueter.' })
    await core.setTags({ id: article.id, tags: ['politique', ' Asie ', 'politique'] })
    const reopened = await openCore({ libraryDir })
    expect((await reopened.listArticles({}))[0]?.tags).toEqual(['politique', 'Asie'])
  })
})

describe('URL import against a loopback server', () => {
  const { tempDir, openCore } = useLibraries()
  let server: Server | undefined
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler)
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('imports a page through the HTML path, with its address and site', async () => {
    const base = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(FRENCH_PAGE))
    const core = await openCore({ libraryDir: await tempDir() })
    const { article } = await core.importUrl({ url: `${base}/vendanges`, allowPrivateAddress: true })
    expect(article).toMatchObject({ title: 'Les vendanges commencent', lang: 'fr', url: `${base}/vendanges` })
  })

  it.each([
    ['a 404', (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(404).end('no'), /answered 404/],
    [
      'an image',
      (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'Content-Type': 'image/png' }).end('x'),
      /not a web page/,
    ],
    [
      'a page over 20 MB',
      (_req: unknown, res: import('node:http').ServerResponse) => {
        res.writeHead(200, { 'Content-Type': 'text/html' })
        const chunk = Buffer.alloc(1024 * 1024, 'a')
        for (let i = 0; i < 21; i++) res.write(chunk)
        res.end()
      },
      /over 20 MB/,
    ],
  ])('refuses %s with a clear error and adds nothing', async (_what, handler, message) => {
    const base = await serve(handler)
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    await expect(core.importUrl({ url: `${base}/page`, allowPrivateAddress: true })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(message),
    })
    expect(await readdir(libraryDir)).toEqual([])
  })

  it('gives up on a server that does not answer in time', async () => {
    const { fetchPage } = await import('../../main/core/import/fetch-page')
    const base = await serve(() => undefined)
    await expect(fetchPage(`${base}/slow`, fetch, { timeoutMs: 200, allowPrivateAddress: true })).rejects.toMatchObject({
      message: expect.stringMatching(/did not answer within 0.2 s/),
    })
  })

  it('refuses a page on this computer unless the user allows it, and says why in words', async () => {
    const base = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(FRENCH_PAGE))
    const libraryDir = await tempDir()
    const core = await openCore({ libraryDir })
    await expect(core.importUrl({ url: `${base}/internal` })).rejects.toMatchObject({
      code: 'invalid_input',
      messageCode: 'private_address',
      params: { host: '127.0.0.1' },
    })
    expect(await readdir(libraryDir)).toEqual([])
    expect((await core.importUrl({ url: `${base}/internal`, allowPrivateAddress: true })).status).toBe('imported')
  })

  it('imports a page by its address from the CLI, one on this computer only with --allow-private-address', async () => {
    const base = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(FRENCH_PAGE))
    const library = await tempDir()
    const refused = await cli(['import', `${base}/vendanges`, '--library', library])
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('127.0.0.1') })
    const imported = await cli(['import', `${base}/vendanges`, '--allow-private-address', '--library', library, '--json'])
    expect(JSON.parse(imported.stdout).article).toMatchObject({ title: 'Les vendanges commencent', url: `${base}/vendanges` })
  })

  it('connects only to the address it checked: a name that answers this computer the second time is refused (DNS rebinding)', async () => {
    const { fetchPage } = await import('../../main/core/import/fetch-page')
    const requested: string[] = []
    const base = await serve((req, res) => {
      requested.push(req.url!)
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(FRENCH_PAGE)
    })
    const port = new URL(base).port
    let lookups = 0
    const rebinding = async () => (lookups++ === 0 ? ['93.184.216.34'] : ['127.0.0.1'])
    await expect(fetchPage(`http://localhost:${port}/internal`, fetch, { resolve: rebinding })).rejects.toMatchObject({
      messageCode: 'private_address',
      params: { host: 'localhost' },
    })
    expect(requested).toEqual([])
  })

  it('checks every redirect: a public page that sends the import to the local network is refused', async () => {
    const { fetchPage } = await import('../../main/core/import/fetch-page')
    const requested: string[] = []
    const fakeFetch = (async (url: URL) => {
      requested.push(url.href)
      return new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } })
    }) as unknown as typeof fetch
    const resolve = async (host: string) => (host === 'news.example' ? ['93.184.216.34'] : ['10.0.0.1'])
    await expect(fetchPage('http://news.example/a', fakeFetch, { resolve })).rejects.toMatchObject({ messageCode: 'private_address' })
    expect(requested).toEqual(['http://news.example/a'])
    await expect(fetchPage('http://intranet.example/a', fakeFetch, { resolve })).rejects.toMatchObject({
      params: { host: 'intranet.example' },
    })
  })

  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::', true],
    ['0.0.0.0', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['93.184.216.34', false],
    ['172.32.0.1', false],
    ['2606:4700::1111', false],
  ])('%s is private: %s', async (address, expected) => {
    const { isPrivateAddress } = await import('../../main/core/import/fetch-page')
    expect(isPrivateAddress(address)).toBe(expected)
  })

  it('refuses a pathologically nested page with its message code, so the UI words it in its language', async () => {
    const core = await openCore({ libraryDir: await tempDir() })
    const page = `<html><body>${'<div>'.repeat(3000)}<p>Un texte.</p>${'</div>'.repeat(3000)}</body></html>`
    await expect(core.importFile({ fileName: 'page.html', base64: Buffer.from(page).toString('base64') })).rejects.toMatchObject({
      code: 'invalid_input',
      messageCode: 'page_nested_too_deep',
    })
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'not a url'])('refuses %s', async (url) => {
    const core = await openCore({ libraryDir: await tempDir() })
    await expect(core.importUrl({ url })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not a web address'),
    })
  })
})

describe('visavis import <folder>', () => {
  const { tempDir } = useLibraries()

  it('imports every article file under the folder and summarises, listing failures with reasons', async () => {
    const folder = await tempDir()
    await mkdir(join(folder, 'sub'))
    await mkdir(join(folder, '.hidden'))
    await writeFile(join(folder, 'seed.txt'), await readFile(SEED_PATH))
    await writeFile(join(folder, 'sub', 'page.html'), FRENCH_PAGE)
    await writeFile(join(folder, 'sub', 'copy.text'), await readFile(SEED_PATH))
    await writeFile(join(folder, 'empty.txt'), '')
    await writeFile(join(folder, 'huge.md'), Buffer.alloc(21 * 1024 * 1024, 'a'))
    await writeFile(join(folder, 'notes.pdf'), 'ignored: not an article format')
    await writeFile(join(folder, '.hidden', 'secret.txt'), 'Caché\n\nNe pas importer.')
    // Links are not followed: they could lead anywhere on the disk.
    const outside = await tempDir()
    await writeFile(join(outside, 'outside.txt'), 'Dehors\n\nUn fichier hors du dossier importé.')
    await symlink(join(outside, 'outside.txt'), join(folder, 'link.txt'))
    await symlink(outside, join(folder, 'linked-folder'))
    const { code, stdout, stderr } = await cli(['import', folder, '--library', await tempDir(), '--json'])
    const summary = JSON.parse(stdout)
    expect(code).toBe(1)
    expect(summary).toMatchObject({ imported: 2, duplicates: 1, failed: 2 })
    expect(summary.files.find((f: { fileName: string }) => f.fileName === 'huge.md')).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('huge.md is over 20 MB') },
    })
    expect(summary.files.find((f: { fileName: string }) => f.fileName === 'empty.txt')).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('empty.txt is empty') },
    })
    expect(stderr).toContain('Importing… 5/5')
  })
})
