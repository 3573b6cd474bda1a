import { describe, expect, it } from 'vitest'

import { useLibraries } from '../support/temp-dir'

// Written for this test: an invented article.
const WITH_FRONT_MATTER = `---
title: "Les jardins partagés gagnent du terrain"
date: 2024-03-05
author: Claire Martin
url: https://example.org/jardins
---

# Un titre de document que la front matter remplace

Depuis deux ans, **douze jardins** ont ouvert dans le quartier, selon [la mairie](https://example.org/mairie) et *les associations*.

## Ce que cultivent les habitants

- des tomates et des courgettes&nbsp;;
- des herbes aromatiques ;
  - basilic
- des fleurs pour les abeilles.

> Un jardin, c’est d’abord une raison de se parler.

Une [page locale](./notes.md) et une image ![photo](photo.jpg) n’y changent rien.
`

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

describe('Markdown import', () => {
  const { tempDir, openCore } = useLibraries()

  it('takes the title, date and author from the front matter, and keeps headings, list items, quotations and marks', async () => {
    const core = await openCore({ libraryDir: await tempDir(), engines: [] })
    const { article: summary } = await core.importFile({ fileName: 'jardins.md', base64: base64(WITH_FRONT_MATTER) })
    expect(summary).toMatchObject({ title: 'Les jardins partagés gagnent du terrain', publishedAt: '2024-03-05', byline: 'Claire Martin' })
    expect(summary.url).toBe('https://example.org/jardins')

    const article = await core.getArticle({ id: summary.id })
    expect(article.paragraphs.map((p) => [p.kind ?? 'paragraph', p.level ?? null, p.text])).toEqual([
      ['heading', 2, 'Un titre de document que la front matter remplace'],
      ['paragraph', null, 'Depuis deux ans, douze jardins ont ouvert dans le quartier, selon la mairie et les associations.'],
      ['heading', 2, 'Ce que cultivent les habitants'],
      ['item', null, 'des tomates et des courgettes\u00a0;'],
      ['item', null, 'des herbes aromatiques ;'],
      ['item', null, 'basilic'],
      ['item', null, 'des fleurs pour les abeilles.'],
      ['quote', null, 'Un jardin, c’est d’abord une raison de se parler.'],
      ['paragraph', null, 'Une page locale et une image photo n’y changent rien.'],
    ])
    const opening = article.paragraphs[1]!
    expect(opening.marks?.map((mark) => [mark.kind, opening.text.slice(mark.start, mark.end), mark.href ?? null])).toEqual([
      ['bold', 'douze jardins', null],
      ['link', 'la mairie', 'https://example.org/mairie'],
      ['italic', 'les associations', null],
    ])
    expect(article.paragraphs.at(-1)!.marks).toBeUndefined()
  })

  it('titles a file without front matter by its first level-1 heading, which is not repeated in the body', async () => {
    const core = await openCore({ libraryDir: await tempDir(), engines: [] })
    const text = '# Mon titre en Markdown\n\nPremier paragraphe avec du **gras**.\n\n- premier point\n- second point\n'
    const { article: summary } = await core.importFile({ fileName: 'note.markdown', base64: base64(text) })
    expect(summary.title).toBe('Mon titre en Markdown')
    const article = await core.getArticle({ id: summary.id })
    expect(article.paragraphs.map((p) => p.text)).toEqual(['Premier paragraphe avec du gras.', 'premier point', 'second point'])
  })
})
