import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { toIsoDate } from '../../main/core/import/dates'
import { decodeHtml } from '../../main/core/import/decode'
import { extractFromHtml } from '../../main/core/import/html'
import { extractFromHtmlBytes } from '../../main/core/import/html-page'
import { nestingDepth } from '../../main/core/import/page-limits'

// Every page below is written for these tests: invented articles, not copies of real ones.

const BODY = [
  'La municipalité a présenté mardi soir un plan pour rénover les trois ponts de la ville, fermés depuis les crues de l’hiver dernier. Les travaux doivent commencer au printemps et durer deux ans.',
  'Selon l’adjointe chargée des travaux, le chantier coûtera près de douze millions d’euros, dont la moitié sera financée par la région. Les commerçants du centre redoutent pourtant une nouvelle saison sans clients.',
  'Une réunion publique est prévue le mois prochain à la salle des fêtes, où les habitants pourront consulter les plans et poser leurs questions aux ingénieurs.',
  'Les associations de cyclistes demandent qu’une passerelle provisoire soit installée pendant toute la durée du chantier, afin que les écoliers n’aient pas à faire un détour de plusieurs kilomètres.',
]

function paragraphs(texts: string[] = BODY): string {
  return texts.map((text) => `<p>${text}</p>`).join('\n')
}

function page({
  head = '',
  body,
  lang = 'fr',
  title = 'Trois ponts rénovés d’ici deux ans',
  headline = title,
}: {
  head?: string
  body: string
  lang?: string | null
  title?: string
  headline?: string
}): string {
  const langAttribute = lang === null ? '' : ` lang="${lang}"`
  return `<!DOCTYPE html><html${langAttribute}><head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body><header><nav><a href="/">Accueil</a> <a href="/ville">Ville</a></nav></header>
<main><article><h1>${headline}</h1>${body}</article></main>
<footer><p>Mentions légales · Contact · Plan du site</p></footer></body></html>`
}

/** Bytes from a mix of ASCII strings and raw byte values. */
function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = []
  for (const part of parts) {
    if (typeof part === 'string') for (const char of part) out.push(char.charCodeAt(0))
    else out.push(...part)
  }
  return Uint8Array.from(out)
}

// windows-1252: é è à ç œ « »
const CP1252_ACCENTS = [0xe9, 0x20, 0xe8, 0x20, 0xe0, 0x20, 0xe7, 0x20, 0x9c, 0x20, 0xab, 0x20, 0xbb]

describe('decodeHtml', () => {
  it('reads windows-1252 bytes declared by <meta charset>', () => {
    const html = decodeHtml(bytes('<html><head><meta charset="windows-1252"></head><body><p>', CP1252_ACCENTS, '</p></body></html>'))
    expect(html).toContain('é è à ç œ « »')
  })

  it('reads the charset of an http-equiv Content-Type (ISO-8859-1 read as its windows-1252 superset)', () => {
    const html = decodeHtml(
      bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>',
        CP1252_ACCENTS,
        '</body></html>',
      ),
    )
    expect(html).toContain('é è à ç œ « »')
  })

  it('reads a declared charset that is not windows-1252 (ISO-8859-15, where œ is 0xBD and € 0xA4) by <meta> or http-equiv', () => {
    const latin9: (string | number[])[] = ['<p>Un c', [0xbd], 'ur à 5 ', [0xa4], '</p>']
    const declarations = ['<meta charset="iso-8859-15">', '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">']
    for (const declaration of declarations) expect(decodeHtml(bytes(declaration, ...latin9))).toContain('Un cœur à 5 €')
  })

  it('honours a UTF-8 BOM over a contrary declaration, and drops the BOM', () => {
    const utf8 = new TextEncoder().encode('<meta charset="windows-1252"><p>Déjà vu, cœur</p>')
    const html = decodeHtml(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))
    expect(html.startsWith('<meta')).toBe(true)
    expect(html).toContain('Déjà vu, cœur')
  })

  it('honours a UTF-16LE BOM', () => {
    const text = '<p>Ça déménage</p>'
    const units = [0xff, 0xfe]
    for (const char of text) units.push(char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8)
    expect(decodeHtml(Uint8Array.from(units))).toBe(text)
  })

  it('reads undeclared pages as UTF-8 when they are valid UTF-8, else as windows-1252', () => {
    expect(decodeHtml(new TextEncoder().encode('<p>Noël à la plage</p>'))).toBe('<p>Noël à la plage</p>')
    expect(decodeHtml(bytes('<p>', CP1252_ACCENTS, '</p>'))).toBe('<p>é è à ç œ « »</p>')
  })

  it('reads a page that declares UTF-8 but holds windows-1252 bytes as windows-1252', () => {
    expect(decodeHtml(bytes('<meta charset="utf-8"><p>', CP1252_ACCENTS, '</p>'))).toContain('é è à ç œ « »')
  })

  it('ignores an unknown charset label', () => {
    expect(decodeHtml(new TextEncoder().encode('<meta charset="x-nonsense"><p>Été</p>'))).toContain('Été')
  })
})

describe('extractFromHtml: paragraphs', () => {
  it('keeps the article paragraphs in order, whitespace collapsed', () => {
    const extraction = extractFromHtml(page({ body: paragraphs().replace('Les travaux', '\n   Les   travaux') }))
    expect(extraction.paragraphs).toEqual(BODY)
  })

  it('keeps headings as paragraphs of their own', () => {
    const body = `${paragraphs(BODY.slice(0, 2))}<h2>Une passerelle provisoire</h2>${paragraphs(BODY.slice(2))}`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.paragraphs).toEqual([BODY[0], BODY[1], 'Une passerelle provisoire', BODY[2], BODY[3]])
  })

  it('keeps list items as paragraphs and inline markup inside its sentence', () => {
    const body = `${paragraphs(BODY.slice(0, 2))}<p>Le calendrier <em>prévu</em> par la <a href="/mairie">mairie</a> :</p>
      <ul><li>le pont du Nord, au printemps ;</li><li>le pont Neuf, à l’automne.</li></ul>${paragraphs(BODY.slice(2))}`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.paragraphs).toContain('Le calendrier prévu par la mairie :')
    expect(extraction.paragraphs).toContain('le pont du Nord, au printemps ;')
    expect(extraction.paragraphs).toContain('le pont Neuf, à l’automne.')
  })

  it('strips soft hyphens everywhere, raw or as entities, title included', () => {
    const body = paragraphs(
      BODY.map((text) => text.replace('municipalité', 'munici\u00adpa\u00adlité').replace('chantier', 'chan&shy;tier')),
    )
    const extraction = extractFromHtml(page({ body, title: 'Trois ponts réno\u00advés d’ici deux ans' }))
    expect(extraction.title).toBe('Trois ponts rénovés d’ici deux ans')
    expect(extraction.paragraphs).toEqual(BODY)
    expect(extraction.paragraphs.join('')).not.toContain('\u00ad')
  })

  it('drops share bars, with or without a telling class', () => {
    const body = `<div class="share-bar"><a href="#">Partager</a> <a href="#">Facebook</a> <a href="#">Twitter</a></div>
      ${paragraphs(BODY.slice(0, 2))}<p>Partager sur Facebook Twitter LinkedIn E-mail</p>${paragraphs(BODY.slice(2))}`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.paragraphs).toEqual(BODY)
  })

  it('drops "Lire aussi" and "À lire aussi" link lines', () => {
    const body = `${paragraphs(BODY.slice(0, 1))}
      <p><strong>Lire aussi :</strong> <a href="/a">Les crues de l’hiver dernier en images</a></p>
      ${paragraphs(BODY.slice(1, 3))}
      <p>À lire aussi <a href="/b">Le budget de la ville adopté</a></p>
      ${paragraphs(BODY.slice(3))}`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.paragraphs).toEqual(BODY)
  })

  it('drops newsletter and cookie notices', () => {
    const body = `${paragraphs(BODY.slice(0, 2))}
      <p>Recevez notre newsletter chaque matin : inscrivez-vous gratuitement.</p>
      ${paragraphs(BODY.slice(2))}
      <p>Ce site utilise des cookies pour mesurer son audience. En poursuivant votre navigation, vous les acceptez.</p>`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.paragraphs).toEqual(BODY)
  })

  it('drops photo credits and credit-only captions, keeps descriptive captions as captions without their credit', () => {
    const body = `<figure><img src="a.jpg" alt=""><figcaption>Le pont du Nord, fermé depuis janvier. © AFP</figcaption></figure>
      ${paragraphs(BODY.slice(0, 2))}
      <p>Photo : Jean Dupont / Agence Exemple</p>
      <div class="media"><img src="c.jpg" alt=""><span>- Le maire en 2008. REUTERS/Jean Dupont -</span></div>
      <figure><img src="b.jpg" alt=""><figcaption>Les ingénieurs présenteront les plans en mai</figcaption></figure>
      <figure><img src="d.jpg" alt=""><figcaption>La crue de 2023, vue du pont du Sud. Au fond, la mairie. Photo Jean Dupont / Reuters</figcaption></figure>
      <figure><img src="e.jpg" alt=""><figcaption>© Jean Dupont / AFP</figcaption></figure>
      ${paragraphs(BODY.slice(2))}`
    const blocks = extractFromHtml(page({ body })).blocks
    expect(blocks.map((block) => [block.kind ?? 'paragraph', block.text])).toEqual([
      ['caption', 'Le pont du Nord, fermé depuis janvier.'],
      ['paragraph', BODY[0]],
      ['paragraph', BODY[1]],
      ['caption', 'Les ingénieurs présenteront les plans en mai'],
      ['caption', 'La crue de 2023, vue du pont du Sud. Au fond, la mairie.'],
      ['paragraph', BODY[2]],
      ['paragraph', BODY[3]],
    ])
  })

  it('keeps a footnote’s marker out of the text, as a mark at the point it follows; ordinals and exponents stay text', () => {
    const body = `<p>Le chômage touche 40 %<sup>1</sup> des jeunes, selon l’Insee<sup><a href="#note-2">2</a></sup>, et l’État<a href="#n3" class="footnote-ref">[3]</a> le sait.</p>
      <p>Au XIX<sup>e</sup> siècle, le 1<sup>er</sup> pont mesurait 300 m<sup>2</sup> pour 10<sup>6</sup> francs.</p>
      ${paragraphs()}
      <p><sup>1</sup> Chiffres de 2023.</p>`
    const blocks = extractFromHtml(page({ body })).blocks
    const { text, marks = [] } = blocks[0]!
    expect(text).toBe('Le chômage touche 40 % des jeunes, selon l’Insee, et l’État le sait.')
    expect(marks.map(({ kind, label, start, end }) => [kind, label, text.slice(0, start), end - start])).toEqual([
      ['footnote', '1', 'Le chômage touche 40 %', 0],
      ['footnote', '2', 'Le chômage touche 40 % des jeunes, selon l’Insee', 0],
      ['footnote', '3', 'Le chômage touche 40 % des jeunes, selon l’Insee, et l’État', 0],
    ])
    expect(blocks[1]!.text).toBe('Au XIXe siècle, le 1er pont mesurait 300 m2 pour 106 francs.')
    expect(blocks.at(-1)!.text).toBe('1 Chiffres de 2023.')
  })

  it('keeps short paragraphs of a mis-encoded page, whose every é reads "Ã©"', () => {
    const texts = ['Le pont du Nord a Ã©tÃ© fermÃ©.', BODY[0]!, 'Les Ã©lus ont votÃ©.', BODY[1]!, '©Reuters']
    const body = texts.map((text) => `<p>${text}</p>`).join('\n')
    expect(extractFromHtml(page({ body })).paragraphs).toEqual(texts.slice(0, 4))
  })

  it('ends the article at its comment section', () => {
    const body = `${paragraphs()}<h3>Commentaires</h3><p>Enfin une bonne nouvelle pour le quartier, il était temps que la mairie agisse !</p>
      <p>Votre commentaire</p>`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.paragraphs).toEqual(BODY)
  })

  it('keeps article text that only looks like furniture', () => {
    const texts = [
      BODY[0]!,
      BODY[1]!,
      'Réactions',
      'Le maire de la commune voisine salue un projet « attendu depuis des années » et promet d’y associer ses services.',
      'Crédit immobilier : les taux remontent',
      'Les cookies au chocolat de la boulangerie du pont restent, eux, les plus vendus du quartier.',
      BODY[2]!,
      'La région a confirmé sa participation au financement, selon Reuters.',
      BODY[3]!,
    ]
    const body = texts.map((text) => (text.length < 50 ? `<h2>${text}</h2>` : `<p>${text}</p>`)).join('\n')
    expect(extractFromHtml(page({ body })).paragraphs).toEqual(texts)
  })

  it('drops repeats of the title, empty paragraphs and an update notice', () => {
    const body = `<p>Trois ponts rénovés d’ici deux ans</p><p>&nbsp;</p><p>Mis à jour le 8 juin 2018 à 10h20</p>${paragraphs()}<p> </p>`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.paragraphs).toEqual(BODY)
  })
})

describe('extractFromHtml: metadata', () => {
  it('reads the publication date from JSON-LD datePublished', () => {
    const head = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
      "headline":"Trois ponts rénovés d’ici deux ans","datePublished":"2021-03-09T18:45:00+01:00",
      "author":{"@type":"Person","name":"Claire Martin"},"publisher":{"@type":"Organization","name":"La Gazette du Pont"}}</script>`
    const extraction = extractFromHtml(page({ head, body: paragraphs() }))
    expect(extraction.publishedAt).toBe('2021-03-09T18:45:00+01:00')
    expect(extraction.byline).toBe('Claire Martin')
    expect(extraction.siteName).toBe('La Gazette du Pont')
  })

  it('reads JSON-LD inside an @graph', () => {
    const head = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"La Gazette"},
      {"@type":"Article","datePublished":"2021-03-09"}]}</script>`
    expect(extractFromHtml(page({ head, body: paragraphs() })).publishedAt).toBe('2021-03-09')
  })

  it('falls back to article:published_time, then to <time datetime>', () => {
    const meta = '<meta property="article:published_time" content="2020-02-18T12:53:40+0000">'
    expect(extractFromHtml(page({ head: meta, body: paragraphs() })).publishedAt).toBe('2020-02-18T12:53:40+00:00')
    const time = `<p>Publié le <time datetime="2019-05-07T11:59">7 mai 2019</time></p>${paragraphs()}`
    expect(extractFromHtml(page({ body: time })).publishedAt).toBe('2019-05-07T11:59:00')
  })

  it('reads a French date line when the page declares no date', () => {
    const body = `<p>Publié le 8 juin 2018 à 10h20</p>${paragraphs()}`
    const extraction = extractFromHtml(page({ body }))
    expect(extraction.publishedAt).toBe('2018-06-08T10:20:00')
    expect(extraction.paragraphs).toEqual(BODY)
  })

  it('prefers og:title over a <title> carrying the site name', () => {
    const head =
      '<meta property="og:title" content="Trois ponts rénovés d’ici deux ans"><meta property="og:site_name" content="La Gazette du Pont">'
    const title = 'Trois ponts rénovés d’ici deux ans | La Gazette du Pont'
    expect(extractFromHtml(page({ head, body: paragraphs(), title })).title).toBe('Trois ponts rénovés d’ici deux ans')
    // Even when the page repeats the suffixed title in its <h1>.
    expect(extractFromHtml(page({ head, body: paragraphs(), title, headline: title })).title).toBe('Trois ponts rénovés d’ici deux ans')
  })

  it('prefers the <h1> over a <title> with a " - Site" suffix when there is no og:title', () => {
    const headline = 'Trois ponts rénovés d’ici deux ans'
    const html = page({ body: paragraphs(), title: `${headline} - La Gazette du Pont`, headline })
    expect(extractFromHtml(html).title).toBe(headline)
  })

  it('keeps a title whose separator is part of the title', () => {
    const title = 'Paris - Rouen : la ligne rouvre enfin'
    expect(extractFromHtml(page({ body: paragraphs(), title })).title).toBe(title)
  })

  it('takes the byline from the article’s own author markup before the page’s <meta name="author">', () => {
    const head = '<meta name="author" content="Jeanne Durand, rédactrice en chef">'
    const byRel = `<p class="signature">Par <a rel="author" href="/auteurs/paul-martin">Paul Martin</a></p>${paragraphs()}`
    expect(extractFromHtml(page({ head, body: byRel })).byline).toBe('Paul Martin')
    const jsonLd = `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Paul Martin"}}</script>`
    expect(extractFromHtml(page({ head: head + jsonLd, body: paragraphs() })).byline).toBe('Paul Martin')
    expect(extractFromHtml(page({ head, body: paragraphs() })).byline).toBe('Jeanne Durand, rédactrice en chef')
  })

  it('strips the site’s name known only from the page’s address, its feed’s title or its app title', () => {
    const headline = 'Ville'
    const byAddress = '<link rel="canonical" href="https://www.gazette-du-pont.fr/ville/ponts">'
    const title = 'Trois ponts rénovés d’ici deux ans – Gazette du pont'
    expect(extractFromHtml(page({ head: byAddress, body: paragraphs(), title, headline })).title).toBe('Trois ponts rénovés d’ici deux ans')
    const byFeed = '<link rel="alternate" type="application/rss+xml" title="AOC media » Le fil">'
    const suffixed = 'Ponts rénovés - AOC media'
    expect(extractFromHtml(page({ head: byFeed, body: paragraphs(), title: suffixed, headline })).title).toBe('Ponts rénovés')
    const byAppTitle = '<meta name="apple-mobile-web-app-title" content="AOC media">'
    expect(extractFromHtml(page({ head: byAppTitle, body: paragraphs(), title: suffixed, headline })).title).toBe('Ponts rénovés')
  })

  it('titles a page without one by its first words, cut at a word with an ellipsis', () => {
    const first = 'Au cœur de l’Himalaya, les villages de montagne du Népal, embarqués dans une transformation rapide, se vident.'
    const html = `<html><body><article><p>${first}</p>${paragraphs()}</article></body></html>`
    expect(extractFromHtmlBytes(new TextEncoder().encode(html), 'sans-titre.html', null).title).toBe(
      'Au cœur de l’Himalaya, les villages de montagne du Népal, embarqués dans une…',
    )
  })

  it('reads the declared language from <html lang>, and null when there is none', () => {
    expect(extractFromHtml(page({ body: paragraphs(), lang: 'fr-CA' })).declaredLang).toBe('fr-CA')
    expect(extractFromHtml(page({ body: paragraphs(), lang: null })).declaredLang).toBeNull()
  })
})

describe('toIsoDate', () => {
  it('normalises the date formats pages publish', () => {
    expect(toIsoDate('2019-05-07T11:59:43.000Z')).toBe('2019-05-07T11:59:43.000Z')
    expect(toIsoDate('2019-12-09 09:08:21+01:00')).toBe('2019-12-09T09:08:21+01:00')
    expect(toIsoDate('2020-02-18T12:53:40+0000')).toBe('2020-02-18T12:53:40+00:00')
    expect(toIsoDate('20190507')).toBe('2019-05-07')
    expect(toIsoDate('7 mai 2019')).toBe('2019-05-07')
    expect(toIsoDate('Tue, 07 May 2019 11:59:43 GMT')).toBe('2019-05-07T11:59:43.000Z')
    expect(toIsoDate('2019-02-30')).toBeNull()
    expect(toIsoDate('bientôt')).toBeNull()
  })
})

describe('pathologically nested pages', () => {
  const nested = (depth: number) =>
    `<html><body><article>${'<div>'.repeat(depth)}${paragraphs()}${'</div>'.repeat(depth)}</article></body></html>`

  it('are refused in words before extraction, at any depth a stack overflow or a long freeze would come from', () => {
    for (const depth of [300, 3000, 20_000]) {
      expect(() => extractFromHtmlBytes(new TextEncoder().encode(nested(depth)), 'page.html', null)).toThrow(
        expect.objectContaining({ code: 'invalid_input', messageCode: 'page_nested_too_deep' }),
      )
    }
  })

  it('while a page nested as deep as real ones are is read', () => {
    expect(extractFromHtmlBytes(new TextEncoder().encode(nested(60)), 'page.html', null).paragraphs).toHaveLength(BODY.length)
    expect(nestingDepth('<ul><li>a<li>b<li>c</ul><p>x<p>y<br><img src=x>')).toBe(1)
  })
})

describe('extractFromHtml: structure', () => {
  const structured = () => extractFromHtml(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'structured-page.html'), 'utf8')).blocks
  const blockOf = (start: string) => structured().find((block) => block.text.startsWith(start))!

  it('keeps headings with their level, list items, quotations and an interview’s bold questions', () => {
    const kinds = structured().map((block) => [block.kind ?? 'paragraph', block.level ?? null])
    expect(kinds).toEqual([
      ['paragraph', null],
      ['heading', 2],
      ['paragraph', null],
      ['item', null],
      ['item', null],
      ['item', null],
      ['heading', 2],
      ['question', null],
      ['paragraph', null],
      ['question', null],
      ['paragraph', null],
      ['quote', null],
      ['paragraph', null],
      ['paragraph', null],
    ])
  })

  it('keeps bold, italic and http(s) links as marks over the paragraph’s text', () => {
    const plan = blockOf('Les premiers chantiers')
    const marked = (plan.marks ?? []).map((mark) => [mark.kind, plan.text.slice(mark.start, mark.end), mark.href ?? null])
    expect(marked).toEqual([
      ['link', 'consultable en ligne', 'https://example.org/plan-velo'],
      ['italic', 'trois priorités', null],
    ])
    const answer = blockOf('Ils l’étaient')
    expect(answer.marks?.map((mark) => answer.text.slice(mark.start, mark.end))).toEqual(['plus souvent'])
  })

  it('does not take a bold link to another article for a question, nor keep its relative address', () => {
    const readAlso = blockOf('Lire : Que deviennent')
    expect(readAlso.kind).toBeUndefined()
    expect(readAlso.marks).toEqual([{ kind: 'bold', start: 0, end: readAlso.text.length }])
  })

  it('merges nested tags of one kind, carries a mark across a line break, and counts offsets after collapsed spaces', () => {
    const body = `<p>Un   texte <b><strong>très</strong>  fort</b> ici, et <em>une fin<br>en italique</em> pour les travaux de la municipalité.</p>${paragraphs()}`
    const [first, second] = extractFromHtml(page({ body })).blocks
    expect(first!.text).toBe('Un texte très fort ici, et une fin')
    expect(first!.marks?.map((mark) => [mark.kind, first!.text.slice(mark.start, mark.end)])).toEqual([
      ['bold', 'très fort'],
      ['italic', 'une fin'],
    ])
    expect(second!.marks?.map((mark) => [mark.kind, second!.text.slice(mark.start, mark.end)])).toEqual([['italic', 'en italique']])
  })
})
