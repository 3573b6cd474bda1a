import { join, resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { isEmptyRequest, launchRequestFromArgv, parseDeepLink, routeHashFor } from '../../main/electron/deep-link'
import { parseRoute } from '../../renderer/src/routes'

const ID = '0123456789abcdef'

describe('visavis:// deep links', () => {
  it('reads an article link, with or without a paragraph', () => {
    expect(parseDeepLink(`visavis://article/${ID}#p3`)).toEqual({ articleId: ID, paragraphId: 'p3' })
    expect(parseDeepLink(`visavis://article/${ID}`)).toEqual({ articleId: ID, paragraphId: null })
    expect(parseDeepLink(`visavis://article/${ID}/`)).toEqual({ articleId: ID, paragraphId: null })
    expect(parseDeepLink(`visavis://article/${ID}/p12`)).toEqual({ articleId: ID, paragraphId: 'p12' })
    expect(parseDeepLink(`visavis://article/${ID}#p12/`)).toEqual({ articleId: ID, paragraphId: 'p12' })
  })

  it('forgives case in the scheme, host and id, and spaces around', () => {
    expect(parseDeepLink(` VISAVIS://Article/${ID.toUpperCase()}#P7 `)).toEqual({ articleId: ID, paragraphId: 'p7' })
  })

  it('refuses anything else', () => {
    for (const link of [
      '',
      'visavis:',
      'visavis://',
      'visavis://article/',
      'visavis://article/0123',
      `visavis://article/${ID}0`,
      'visavis://article/0123456789abcdeg',
      `visavis://notes/${ID}`,
      `visavis://settings`,
      `visavis://article/${ID}#paragraph3`,
      `visavis://article/${ID}#p`,
      `visavis://article/${ID}#p1234567`,
      `visavis://article/${ID}/p3#p4`,
      `visavis://article/${ID}/p3/extra`,
      `visavis://article/${ID}?x=1#p3`,
      `visavis://user@article/${ID}`,
      `visavis://article:80/${ID}`,
      `visavis://article/${ID}#p3');alert(1)//`,
      `visavis://article/${ID}#/settings`,
      `https://article/${ID}#p3`,
      `app://visavis/index.html#/article/${ID}`,
      `javascript:alert(1)`,
    ]) {
      expect(parseDeepLink(link), link).toBeNull()
    }
  })

  it('becomes a route the renderer opens at that paragraph', () => {
    const hash = routeHashFor({ articleId: ID, paragraphId: 'p3' })
    expect(hash).toBe(`#/article/${ID}/p3`)
    expect(parseRoute(hash)).toEqual({ screen: 'reader', articleId: ID, paragraphId: 'p3' })
    expect(parseRoute(routeHashFor({ articleId: ID, paragraphId: null }))).toEqual({ screen: 'reader', articleId: ID, paragraphId: null })
  })
})

describe('launch arguments', () => {
  const cwd = resolve('/home/reader')

  it('finds a deep link among switches, after the executable (and the app folder in development)', () => {
    expect(launchRequestFromArgv(['/opt/Vis-à-vis/visavis', '--no-sandbox', `visavis://article/${ID}#p2`], { skip: 1, cwd })).toEqual({
      deepLink: { articleId: ID, paragraphId: 'p2' },
      files: [],
    })
    expect(launchRequestFromArgv(['electron', '.', `visavis://article/${ID}`], { skip: 2, cwd }).deepLink).toEqual({
      articleId: ID,
      paragraphId: null,
    })
  })

  it('keeps the first valid link and drops invalid ones and other URLs', () => {
    const request = launchRequestFromArgv(
      [
        'app',
        'visavis://article/nope',
        `visavis://article/${ID}#p1`,
        'visavis://article/fedcba9876543210',
        'https://example.org/page.html',
      ],
      { skip: 1, cwd },
    )
    expect(request).toEqual({ deepLink: { articleId: ID, paragraphId: 'p1' }, files: [] })
  })

  it('takes article files (the .html association, "Open with"), resolved against the working folder', () => {
    const request = launchRequestFromArgv(
      ['app', 'saved page.html', '/tmp/b.HTM', 'notes.md', 'text.txt', 'photo.jpg', 'archive.tar.gz', '--flag=x.html', 'README'],
      { skip: 1, cwd },
    )
    expect(request.deepLink).toBeNull()
    expect(request.files).toEqual([join(cwd, 'saved page.html'), resolve('/tmp/b.HTM'), join(cwd, 'notes.md'), join(cwd, 'text.txt')])
  })

  it('never treats the executable or the app folder as a file', () => {
    expect(isEmptyRequest(launchRequestFromArgv(['/usr/bin/visavis.html'], { skip: 1, cwd }))).toBe(true)
    expect(isEmptyRequest(launchRequestFromArgv(['electron', 'out/main/index.js', '--no-sandbox'], { skip: 2, cwd }))).toBe(true)
  })
})
