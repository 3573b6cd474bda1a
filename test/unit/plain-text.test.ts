import { readFile } from 'node:fs/promises'

import { describe, expect, it } from 'vitest'

import { parseDateLine } from '../../main/core/import/dates'
import { isBoilerplateLine, parsePlainText } from '../../main/core/import/plain-text'
import { SEED_PATH, SEED_TITLE } from '../support/seed'

describe('parsePlainText on the sample article', async () => {
  const raw = await readFile(SEED_PATH, 'utf8')
  const parsed = parsePlainText(raw)

  it('takes the first line as the title and the date line as publishedAt', () => {
    expect(parsed.title).toBe(SEED_TITLE)
    expect(parsed.publishedAt).toBe('2018-06-08T10:20:25')
  })

  it('keeps exactly the 16 body paragraphs, text unchanged', () => {
    expect(parsed.paragraphs).toHaveLength(16)
    expect(parsed.paragraphs[0]).toMatch(/^Le président chinois Xi Jinping s'est entretenu/)
    expect(parsed.paragraphs[15]).toBe("Avant l'entretien, M. Xi a organisé une cérémonie d'accueil en l'honneur de M. Nazarbaïev.")
    const bodyBlocks = raw.split(/\n\s*\n/).map((block) => block.trim())
    for (const paragraph of parsed.paragraphs) expect(bodyBlocks).toContain(paragraph)
  })

  it('drops share lines, "Partager", "Articles les plus lus" and repeats of the title', () => {
    const body = parsed.paragraphs.join('\n')
    for (const boilerplate of ['Share', 'Messenger', 'Partager', 'Articles les plus lus']) expect(body).not.toContain(boilerplate)
    expect(parsed.paragraphs).not.toContain(SEED_TITLE)
  })
})

describe('parsePlainText', () => {
  it('takes one paragraph per line when the text has no blank lines', () => {
    expect(parsePlainText('Titre\nPremier paragraphe.\nSecond paragraphe.').paragraphs).toEqual([
      'Premier paragraphe.',
      'Second paragraphe.',
    ])
  })

  it('joins hard-wrapped lines of one paragraph', () => {
    expect(parsePlainText('Titre\n\nUne phrase\ncoupée en deux.\n\nUne autre.').paragraphs).toEqual([
      'Une phrase coupée en deux.',
      'Une autre.',
    ])
  })

  it('reads Windows line endings', () => {
    expect(parsePlainText('Titre\r\n\r\nCorps du texte.\r\n').paragraphs).toEqual(['Corps du texte.'])
  })
})

describe('isBoilerplateLine', () => {
  it.each(['Share', 'Share this with Close', 'Messenger Messenger Pinterest LinkedIn WeChat', 'Partager', 'Articles les plus lus'])(
    'drops "%s"',
    (line) => expect(isBoilerplateLine(line)).toBe(true),
  )
  it.each(['Le président a partagé son avis.', 'Messenger est une application.', 'La Chine'])('keeps "%s"', (line) =>
    expect(isBoilerplateLine(line)).toBe(false),
  )
})

describe('parseDateLine', () => {
  it.each([
    ['2018-06-08 10:20:25', '2018-06-08T10:20:25'],
    ['2018-06-08', '2018-06-08'],
    ['8 juin 2018', '2018-06-08'],
    ['Publié le 1er décembre 2020 à 9h05', '2020-12-01T09:05:00'],
    ['vendredi 8 juin 2018', '2018-06-08'],
    ['08/06/2018', '2018-06-08'],
  ])('reads "%s"', (line, iso) => expect(parseDateLine(line)).toBe(iso))

  it.each(['2018-02-30', '8 juin', 'Le 8 juin 2018, M. Xi a dit', '32/01/2020'])('refuses "%s"', (line) =>
    expect(parseDateLine(line)).toBeNull(),
  )
})
