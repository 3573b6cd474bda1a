import { annotationColors, type CsvDelimiter, engineIds, exportFormats, sides } from '../api/shapes'
import { type Command, defineCommand, runsOf } from './command'
import { flag, oneOf, oneOfNamed, required, text, texts, wholeNumber } from './options'

/**
 * Every command: its usage, what it does, the options it takes and its run function. Each run function loads with
 * its command, so `visavis --help`, `list` and `show` load nothing of importing, translating or the contract's schemas.
 */

/** The contract's paragraph ids go up to p999999. */
const MAX_PARAGRAPH = 999_999

const json = flag('machine-readable output (JSON)')
const engine = oneOf(engineIds, "the translation engine (default: the settings', else the best ready one)")
const translateTo = text('LANG', "the language to translate into (default: the settings', en)")
const libreTranslate = {
  libretranslateUrl: text('URL', "a LibreTranslate server to use as an engine, in place of the settings'"),
  libretranslateKey: text('KEY', "that server's API key"),
}
const catalogue = text('URL', "a Bergamot model registry in place of Firefox Translations'")
const paragraph = required(wholeNumber('N', 1, MAX_PARAGRAPH, 'the paragraph: 1 for the first'))
const glossaryPair = {
  from: text('LANG', 'the language of the source words (default: fr)'),
  to: text('LANG', "the language of the target words (default: the settings', en)"),
}
const delimiters: Record<string, CsvDelimiter> = { ',': ',', ';': ';', tab: '\t' }

/** Each command module's run functions, loaded when their command runs. */
const importing = runsOf(() => import('./import-command'))
const library = runsOf(() => import('./library-commands'))
const translating = runsOf(() => import('./translate-command'))
const notes = runsOf(() => import('./notes-command'))
const glossary = runsOf(() => import('./glossary-command'))
const models = runsOf(() => import('./models-command'))
const serving = runsOf(() => import('./serve-command'))

export const commands: Command[] = [
  defineCommand({
    usage: 'import <file|folder|url|->',
    summary: 'import a .txt, .md or .html file, every such file in a folder, a web page, or standard input (-)',
    options: { json, allowPrivateAddress: flag('let import fetch a page on this computer or the local network') },
    run: importing('runImport'),
  }),
  defineCommand({
    usage: 'list',
    summary: 'list the articles in the library',
    options: { json },
    run: library('runList'),
  }),
  defineCommand({
    usage: 'show <id>',
    summary: 'print an article',
    options: { json },
    run: library('runShow'),
  }),
  defineCommand({
    usage: 'search <words>',
    summary: 'find articles by their words (accents and case do not matter, prefixes match)',
    options: { json },
    run: library('runSearch'),
  }),
  defineCommand({
    usage: 'translate <id>',
    summary: 'translate an article (progress on stderr); cached translations need no engine',
    options: { to: translateTo, engine, json, ...libreTranslate },
    run: translating('runTranslate'),
  }),
  defineCommand({
    usage: 'retranslate <id> --paragraph N',
    summary: 'translate one paragraph (or one of its sentences) again, past the cache',
    options: {
      paragraph,
      sentence: wholeNumber('N', 1, MAX_PARAGRAPH, 'only this sentence of the paragraph: 1 for the first'),
      to: translateTo,
      engine,
      json,
      ...libreTranslate,
    },
    run: translating('runRetranslate'),
  }),
  defineCommand({
    usage: 'note add <id> --paragraph N',
    summary: 'add a note to a paragraph, or with --quote a highlight of some of its words',
    options: {
      paragraph,
      quote: text('TEXT', 'the words to highlight, as they are in the paragraph'),
      text: text('NOTE', 'the note'),
      side: oneOf(sides, 'the side the quoted words are on (default: original)'),
      color: oneOf(annotationColors, "the highlight's colour (default: yellow)"),
      tag: texts('TAG', 'a tag; give --tag again for more'),
      json,
    },
    run: notes('runAddNote'),
  }),
  defineCommand({
    usage: 'note list <id>',
    summary: 'the notes and highlights of an article',
    options: { json },
    run: notes('runListNotes'),
  }),
  defineCommand({
    usage: 'bookmark add <id> --paragraph N',
    summary: 'bookmark a paragraph',
    options: { paragraph, json },
    run: notes('runAddBookmark'),
  }),
  defineCommand({
    usage: 'bookmark list <id>',
    summary: 'the bookmarks of an article',
    options: { json },
    run: notes('runListBookmarks'),
  }),
  defineCommand({
    usage: 'export <id>|--all --format F',
    summary: "export an article's notes, or the library's, for Obsidian (md), W3C Web Annotations (json), spreadsheets (csv) or Anki",
    options: {
      all: flag('the notes of every article of the library, in place of one id'),
      format: required(oneOf(exportFormats, 'the format')),
      delimiter: oneOfNamed(delimiters, "csv's column delimiter (default: ,)"),
      out: text('FILE', 'write to this file (default: standard output)'),
    },
    run: notes('runExport'),
  }),
  defineCommand({
    usage: 'glossary add "<source>" "<target>"',
    summary: 'add a correction every engine applies: <source> is translated <target>',
    options: { ...glossaryPair, json },
    run: glossary('runAddEntry'),
  }),
  defineCommand({
    usage: 'glossary list',
    summary: "the glossary's entries",
    options: { json },
    run: glossary('runListEntries'),
  }),
  defineCommand({
    usage: 'glossary remove <id or source words>',
    summary: 'remove a glossary entry (--from and --to pick one whose words are in several pairs)',
    options: { ...glossaryPair, json },
    run: glossary('runRemoveEntry'),
  }),
  defineCommand({
    usage: 'engines',
    summary: 'the translation engines, their state and the step that fixes it',
    options: { json, ...libreTranslate },
    run: translating('runEngines'),
  }),
  defineCommand({
    usage: 'models list',
    summary: 'the Bergamot models installed under <user data>/models',
    options: { json },
    run: models('runListModels'),
  }),
  defineCommand({
    usage: 'models catalogue',
    summary: 'the Bergamot models there are to download',
    options: { catalogue, json },
    run: models('runCatalogue'),
  }),
  defineCommand({
    usage: 'models download <name>',
    summary: 'download a model of the catalogue (progress on stderr)',
    options: { catalogue, json },
    run: models('runDownload'),
  }),
  defineCommand({
    usage: 'models import <path>',
    summary: 'install the models in a folder or an archive of model files',
    options: { json },
    run: models('runImportModels'),
  }),
  defineCommand({
    usage: 'models delete <name>',
    summary: 'delete an installed model',
    options: { json },
    run: models('runDelete'),
  }),
  defineCommand({
    usage: 'serve',
    summary: 'start the browser host on 127.0.0.1 and print its address',
    options: {
      port: wholeNumber('N', 0, 65535, 'the port (default: any free port)'),
      to: translateTo,
      engine,
      catalogue,
      ...libreTranslate,
      json,
    },
    run: serving('runServe'),
  }),
]
