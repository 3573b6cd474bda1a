import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'

import type { ReadingParagraph } from '../../main/api/contract'
import { anchor, selectorFor } from '../../main/core/annotations/anchoring'
import { sentencesCovering } from '../../main/core/annotations/annotation-service'
import { recordingEngine } from '../support/recording-engine'
import { SEED_PATH } from '../support/seed'
import { useLibraries } from '../support/temp-dir'

const paragraphs = [
  { id: 'p1', text: 'Le premier paragraphe parle de la Chine.' },
  { id: 'p2', text: 'Le deuxième évoque une communauté de destin pour l’humanité, selon M. Xi.' },
  { id: 'p3', text: 'Le troisième conclut.' },
]

describe('anchoring by quote', () => {
  const quote = 'communauté de destin'
  const start = paragraphs[1]!.text.indexOf(quote)
  const selector = selectorFor('p2', paragraphs[1]!.text, start, start + quote.length)

  it('keeps its place while the text is unchanged', () => {
    expect(anchor(selector, paragraphs)).toEqual({ paragraphId: 'p2', start, end: start + quote.length })
  })

  it('finds the quote again after the paragraph was edited around it', () => {
    const edited = paragraphs.map((p) => (p.id === 'p2' ? { ...p, text: `Ajout en tête. ${p.text.replace('évoque', 'mentionne')}` } : p))
    const found = anchor(selector, edited)!
    expect(edited[1]!.text.slice(found.start, found.end)).toBe(quote)
  })

  it('prefers the occurrence whose surroundings match', () => {
    const twice = [{ id: 'p2', text: `Une communauté de destin. ${paragraphs[1]!.text}` }]
    const found = anchor(selector, twice)!
    expect(twice[0]!.text.slice(0, found.start).endsWith('évoque une ')).toBe(true)
  })

  it('follows the quote to the nearest paragraph when it moved', () => {
    const moved = [paragraphs[0]!, { id: 'p2', text: 'Autre chose.' }, { id: 'p3', text: `Le troisième évoque une ${quote}.` }]
    expect(anchor(selector, moved)).toMatchObject({ paragraphId: 'p3' })
  })

  it('is orphaned, not lost, when the quote is nowhere', () => {
    expect(anchor(selector, [{ id: 'p2', text: 'Tout a été réécrit.' }])).toBeNull()
  })

  it('knows which sentences a passage covers', () => {
    expect(sentencesCovering(['Un deux.', 'Trois quatre.', 'Cinq.'], 4, 12)).toEqual([0, 1])
    expect(sentencesCovering(['Un deux.', 'Trois quatre.', 'Cinq.'], 23, 27)).toEqual([2])
  })
})

describe('annotations in the library', () => {
  const { tempDir, openCore } = useLibraries()

  async function translatedSample(libraryDir: string) {
    const core = await openCore({ libraryDir, engines: [recordingEngine().engine] })
    const { article } = await core.importText({ text: await readFile(SEED_PATH, 'utf8') })
    const done = new Promise<void>((resolve) => core.subscribe((e) => e.type === 'translation.finished' && resolve()))
    await core.translateArticle({ id: article.id })
    await done
    return { core, id: article.id }
  }

  it('adds a highlight with a note by quote, stores it, and marks the counterpart sentence', async () => {
    const libraryDir = await tempDir()
    const { core, id } = await translatedSample(libraryDir)
    const note = await core.addAnnotation({
      articleId: id,
      kind: 'highlight',
      paragraphId: 'p3',
      quote: 'communauté de destin',
      note: 'Formule officielle.',
    })
    expect(note).toMatchObject({ side: 'original', color: 'yellow', orphaned: false, sentenceIndexes: [0], anchor: { paragraphId: 'p3' } })
    expect(note.sentences[0]!.target).toMatch(/^\[en\] China souhaite/)
    const stored = JSON.parse(await readFile(join(libraryDir, 'articles', id, 'annotations.json'), 'utf8'))
    expect(stored.annotations[0]).toMatchObject({
      note: 'Formule officielle.',
      selector: { quote: 'communauté de destin', prefix: expect.any(String) },
    })
    expect((await core.search({ query: 'formule officielle' })).map((hit) => hit.id)).toEqual([id])
  })

  it('re-anchors a translation-side highlight after the translation changes, and orphans it when its text is gone', async () => {
    const libraryDir = await tempDir()
    const { core, id } = await translatedSample(libraryDir)
    const highlight = await core.addAnnotation({
      articleId: id,
      kind: 'highlight',
      side: 'translation',
      paragraphId: 'p2',
      // The stand-in engine tags the sentence, with Kazakhstan already in its English form.
      quote: 'Qualifiant Kazakhstan',
    })
    expect(highlight.anchor).toMatchObject({ paragraphId: 'p2', start: 5 })

    const cacheFile = join(libraryDir, 'articles', id, 'translations', 'apertium-test-fr-en-en.json')
    const cache = JSON.parse(await readFile(cacheFile, 'utf8'))
    for (const sentence of Object.values<{ target: string }>(cache.sentences))
      sentence.target = sentence.target.replace('[en] ', '[EN v2] ')
    await writeFile(cacheFile, JSON.stringify(cache))
    const [moved] = await core.listAnnotations({ articleId: id })
    expect(moved).toMatchObject({ orphaned: false, anchor: { paragraphId: 'p2', start: 8 } })

    for (const sentence of Object.values<{ target: string }>(cache.sentences)) sentence.target = 'Entirely different.'
    await writeFile(cacheFile, JSON.stringify(cache))
    const [orphan] = await core.listAnnotations({ articleId: id })
    expect(orphan).toMatchObject({ orphaned: true, anchor: null, selector: { quote: 'Qualifiant Kazakhstan' } })
  })

  it('re-anchors after an edited paragraph', async () => {
    const libraryDir = await tempDir()
    const { core, id } = await translatedSample(libraryDir)
    await core.addAnnotation({ articleId: id, kind: 'highlight', paragraphId: 'p3', quote: 'communauté de destin' })
    const file = join(libraryDir, 'articles', id, 'article.json')
    const article = JSON.parse(await readFile(file, 'utf8'))
    article.paragraphs[2].text = `Nouvelle phrase en tête. ${article.paragraphs[2].text}`
    await writeFile(file, JSON.stringify(article))
    const [placed] = await core.listAnnotations({ articleId: id })
    expect(placed!.orphaned).toBe(false)
    expect(article.paragraphs[2].text.slice(placed!.anchor!.start, placed!.anchor!.end)).toBe('communauté de destin')
  })

  it('edits, deletes and undoes, keeping deleted notes in the file', async () => {
    const { core, id } = await translatedSample(await tempDir())
    const note = await core.addAnnotation({ articleId: id, kind: 'note', paragraphId: 'p1', note: 'Premier jet.' })
    expect(await core.updateAnnotation({ articleId: id, id: note.id, note: 'Corrigé.', tags: ['Asie'] })).toMatchObject({
      note: 'Corrigé.',
      tags: ['Asie'],
    })
    await core.deleteAnnotation({ articleId: id, id: note.id })
    expect(await core.listAnnotations({ articleId: id })).toEqual([])
    await core.restoreAnnotation({ articleId: id, id: note.id })
    expect(await core.listAnnotations({ articleId: id })).toEqual([expect.objectContaining({ id: note.id, note: 'Corrigé.' })])
  })

  it('finds notes whatever the accents and ligatures of the query, as article search does', async () => {
    const { core, id } = await translatedSample(await tempDir())
    await core.addAnnotation({ articleId: id, kind: 'note', paragraphId: 'p2', note: 'Une œuvre de l’État' })
    for (const query of ['oeuvre', 'ŒUVRE', 'etat']) {
      expect(
        (await core.searchAnnotations({ query })).map((a) => a.note),
        query,
      ).toEqual(['Une œuvre de l’État'])
    }
  })

  it('keeps a highlight across paragraphs as one annotation with a passage per paragraph, exported as one note', async () => {
    const dir = await tempDir()
    const { core, id } = await translatedSample(dir)
    const file = join(dir, 'articles', id, 'annotations.json')
    await core.addAnnotation({ articleId: id, kind: 'highlight', paragraphId: 'p2', quote: 'Kazakhstan' })
    expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBe(1)

    const article = await core.getArticle({ id })
    const [p3, p4, p5] = ['p3', 'p4', 'p5'].map((pid) => article.paragraphs.find((p) => p.id === pid)!) as [
      ReadingParagraph,
      ReadingParagraph,
      ReadingParagraph,
    ]
    const start = p3.text.indexOf('communauté de destin')
    const added = await core.addAnnotation({
      articleId: id,
      kind: 'highlight',
      paragraphId: 'p3',
      start,
      endParagraphId: 'p5',
      end: 12,
      note: 'À suivre',
    })

    expect(added.selector?.quote).toBe(p3.text.slice(start))
    expect(added.continuation?.map((passage) => [passage.paragraphId, passage.quote])).toEqual([
      ['p4', p4.text],
      ['p5', p5.text.slice(0, 12)],
    ])
    expect(added.continuationPlaces?.map((place) => place.anchor?.paragraphId)).toEqual(['p4', 'p5'])
    expect(added.sentences.map((pair) => pair.source)).toEqual([p3.sentences.at(-1), ...p4.sentences, p5.sentences[0]])
    expect(await core.listAnnotations({ articleId: id })).toHaveLength(2)
    expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBe(2)

    const rows = parse((await core.exportAnnotations({ articleId: id, format: 'csv' })).content, { bom: true, columns: true })
    expect(rows).toHaveLength(2)
    const json = JSON.parse((await core.exportAnnotations({ articleId: id, format: 'json' })).content)
    const across = json.items.find((item: { id: string }) => item.id === `urn:uuid:${added.id}`)
    expect(across.target.map((target: { source: string }) => target.source.split('#')[1])).toEqual(['p3', 'p4', 'p5'])
    const md = (await core.exportAnnotations({ articleId: id, format: 'md' })).content
    expect(md).toContain(`**${p5.text.slice(0, 12)}**`)
    expect(md.match(/### Highlight/g)).toHaveLength(2)
  })

  it('refuses a passage across paragraphs that runs backwards', async () => {
    const { core, id } = await translatedSample(await tempDir())
    await expect(
      core.addAnnotation({ articleId: id, kind: 'highlight', paragraphId: 'p5', start: 0, endParagraphId: 'p3', end: 4 }),
    ).rejects.toThrow('A passage across paragraphs runs from a place in one paragraph to a place in a later one.')
  })

  it('refuses what cannot be anchored, with a clear error', async () => {
    const { core, id } = await translatedSample(await tempDir())
    await expect(
      core.addAnnotation({ articleId: id, kind: 'highlight', paragraphId: 'p2', quote: 'introuvable ici' }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(core.addAnnotation({ articleId: id, kind: 'bookmark', paragraphId: 'p99' })).rejects.toMatchObject({
      message: expect.stringContaining('16 paragraphs'),
    })
    await expect(core.addAnnotation({ articleId: id, kind: 'note', paragraphId: 'p1', note: '  ' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })

  it('exports no cell a spreadsheet would run as a formula, and no Anki field that opens a quote', async () => {
    const { core, id } = await translatedSample(await tempDir())
    const notes = ['=HYPERLINK("http://example.com","clic")', '+33 1 23', '-2+3', '@SUM(A1)', '"Entre guillemets" au début']
    for (const note of notes) await core.addAnnotation({ articleId: id, kind: 'note', paragraphId: 'p3', note })

    const csv = (await core.exportAnnotations({ articleId: id, format: 'csv' })).content
    const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true })
    expect(rows.map((row) => row.note)).toEqual([
      '\'=HYPERLINK("http://example.com","clic")',
      "'+33 1 23",
      "'-2+3",
      "'@SUM(A1)",
      '"Entre guillemets" au début',
    ])
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/)

    const anki = (await core.exportAnnotations({ articleId: id, format: 'anki' })).content
    const cards = parse(
      anki
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .join('\n'),
      { delimiter: '\t', relax_column_count: true },
    )
    expect(cards).toHaveLength(notes.length)
    expect(cards.every((card: string[]) => card.length === 3)).toBe(true)
  })

  it('writes front matter that a YAML parser reads back, whatever the tags and title hold', async () => {
    const { core, id } = await translatedSample(await tempDir())
    const tags = ['a]b', '"quote', '#hash', 'deux mots', 'plain', 'x: y', 'a, b']
    await core.setTags({ id, tags })
    await core.addAnnotation({ articleId: id, kind: 'bookmark', paragraphId: 'p1' })
    const md = (await core.exportAnnotations({ articleId: id, format: 'md' })).content
    const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(md)![1]!)
    expect(front.tags).toEqual(['visavis', 'a]b', '"quote', '#hash', 'deux-mots', 'plain', 'x:-y', 'a,-b'])
    expect(front.title).toMatch(/^La Chine et le Kazakhstan/)
  })

  it('exports Markdown for Obsidian, W3C JSON, CSV with a BOM and Anki', async () => {
    const { core, id } = await translatedSample(await tempDir())
    await core.addAnnotation({
      articleId: id,
      kind: 'highlight',
      paragraphId: 'p3',
      quote: 'communauté de destin',
      note: 'Formule "officielle", à retenir.',
      tags: ['Asie'],
    })
    const md = (await core.exportAnnotations({ articleId: id, format: 'md' })).content
    expect(md).toMatch(
      /^---\ntitle: "La Chine et le Kazakhstan conviennent de travailler ensemble pour le renouveau national"\ntranslated_title: "\[en\] China et Kazakhstan conviennent de travailler ensemble pour le renouveau national"\ndate: 2018-06-08\ntags: \[visavis\]\n---\n/,
    )
    expect(md).toContain(
      'national\n\n*[en] China et Kazakhstan conviennent de travailler ensemble pour le renouveau national*\n\n### Highlight',
    )
    expect(md).toContain(
      "> La Chine souhaite travailler de concert avec le Kazakhstan pour faire progresser la construction d'une **communauté de destin**",
    )
    expect(md).toContain('> *[en] China souhaite')
    expect(md).toContain('Formule "officielle", à retenir.')
    expect(md).toContain(`[Open in Vis-à-vis](visavis://article/${id}#p3)`)

    const json = JSON.parse((await core.exportAnnotations({ articleId: id, format: 'json' })).content)
    expect(json.items[0]).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      'visavis:article': { id, title: expect.stringMatching(/^La Chine/), translatedTitle: expect.stringMatching(/^\[en\] China et/) },
      target: {
        source: `visavis://article/${id}#p3`,
        selector: [{ type: 'TextQuoteSelector', exact: 'communauté de destin' }, { type: 'TextPositionSelector' }],
      },
    })

    const csv = (await core.exportAnnotations({ articleId: id, format: 'csv' })).content
    expect(
      csv.startsWith('\uFEFFarticle,translated title,kind,side,paragraph,original,translation,quote,note,tags,colour,link,created\r\n'),
    ).toBe(true)
    const [row] = parse(csv, { bom: true, columns: true })
    expect(row).toMatchObject({
      kind: 'highlight',
      side: 'original',
      paragraph: '3',
      quote: 'communauté de destin',
      note: 'Formule "officielle", à retenir.',
    })

    const anki = (await core.exportAnnotations({ articleId: id, format: 'anki' })).content
    const card = anki.split('\n').find((line) => !line.startsWith('#'))!
    expect(card.split('\t')).toEqual([
      expect.stringContaining('<b>communauté de destin</b>'),
      expect.stringMatching(/<i>Formule.*<small>La Chine et .* · \[en\] China et .*<\/small>$/),
      'visavis La-Chine-et-le-Kazakhstan-conviennent-de-travailler-ensemble Asie',
    ])

    const everything = (await core.exportAnnotations({ format: 'md' })).content
    expect(everything).toContain(
      '## La Chine et le Kazakhstan conviennent de travailler ensemble pour le renouveau national\n\n*[en] China et',
    )
  })

  it('carries the same fields in every format, with the same meaning for a highlight made in the translation', async () => {
    const { core, id } = await translatedSample(await tempDir())
    const article = await core.getArticle({ id })
    const [p2, p5] = [article.paragraphs[1]!, article.paragraphs[4]!]
    const translation = (await core.getTranslation({ id }))!
    const p5Translated = translation.paragraphs.find((p) => p.paragraphId === 'p5')!.sentences
    // Made in creation order p5 then p2; every format lists them in reading order.
    await core.addAnnotation({
      articleId: id,
      kind: 'highlight',
      side: 'translation',
      paragraphId: 'p5',
      quote: p5Translated[0]!.target.slice(5, 25),
      color: 'green',
      note: 'côté traduction',
      tags: ['langue'],
    })
    await core.addAnnotation({
      articleId: id,
      kind: 'highlight',
      paragraphId: 'p2',
      quote: 'Kazakhstan',
      color: 'blue',
      note: 'côté original',
    })
    const expected = [
      {
        kind: 'highlight',
        side: 'original',
        paragraph: 2,
        original: p2.sentences[0]!,
        quote: 'Kazakhstan',
        note: 'côté original',
        tags: [],
        colour: 'blue',
      },
      {
        kind: 'highlight',
        side: 'translation',
        paragraph: 5,
        original: p5.sentences[0]!,
        translation: p5Translated[0]!.target,
        quote: p5Translated[0]!.target.slice(5, 25),
        note: 'côté traduction',
        tags: ['langue'],
        colour: 'green',
      },
    ].map((fields) => ({ ...fields, link: `visavis://article/${id}#p${fields.paragraph}` }))
    const exported = async (format: 'md' | 'json' | 'csv' | 'anki', delimiter?: ',' | ';' | '\t') =>
      (await core.exportAnnotations({ articleId: id, format, ...(delimiter && { delimiter }) })).content

    // CSV, with each delimiter, read back by a CSV parser.
    for (const delimiter of [',', ';', '\t'] as const) {
      const rows: Record<string, string>[] = parse(await exported('csv', delimiter), { bom: true, columns: true, delimiter })
      expect(rows.map((row) => ({ ...row, paragraph: Number(row.paragraph), tags: row.tags ? row.tags.split(', ') : [] }))).toMatchObject(
        expected,
      )
      expect(rows[1]!.original).toBe(p5.sentences[0])
      expect(rows[1]!.translation).toBe(p5Translated[0]!.target)
    }

    // W3C JSON.
    const json = JSON.parse(await exported('json'))
    expect(
      json.items.map((item: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(item)
            .filter(([key]) => key.startsWith('visavis:'))
            .map(([key, value]) => [key.slice(8), value]),
        ),
      ),
    ).toMatchObject(expected)

    // Markdown: the front matter read back by a YAML parser, and each note with its fields, in reading order.
    const md = await exported('md')
    expect(parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(md)![1]!).title).toBe(article.title)
    const blocks = md.split(/^### /m).slice(1)
    expect(blocks.map((block) => block.split('\n')[0])).toEqual([
      'Highlight · Paragraph 2 · original · blue',
      'Highlight · Paragraph 5 · translation · green',
    ])
    expect(blocks[0]).toContain('**Kazakhstan**')
    expect(blocks[1]).toContain(`**${expected[1]!.quote}**`)
    expect(blocks[1]).toContain('#langue')

    // Anki: headers as Anki reads them (#key:value lines before the first card), then one card per highlight, the
    // highlighted words in bold on whichever side they were made.
    const lines = (await exported('anki')).trimEnd().split('\n')
    const headers = Object.fromEntries(
      lines.filter((line) => line.startsWith('#')).map((line) => line.slice(1).split(/:(.*)/s).slice(0, 2)),
    )
    expect(headers).toEqual({ separator: 'tab', html: 'true', notetype: 'Basic', deck: 'Vis-à-vis', 'tags column': '3' })
    const cards = lines.filter((line) => !line.startsWith('#')).map((line) => line.split('\t'))
    expect(cards.map((card) => card.length)).toEqual([3, 3])
    expect(cards[0]![0]).toContain('<b>Kazakhstan</b>')
    expect(cards[1]![1]).toContain(`<b>${expected[1]!.quote}</b>`)
    expect(cards[1]![2]).toMatch(/ langue$/)
  })
})
