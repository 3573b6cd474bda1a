import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ApiError, detailOf } from '../api/errors'
import {
  ARTICLE_ID,
  translationStateOf,
  type Article,
  type ArticleSummary,
  type EngineInfo,
  type ParagraphTranslation,
  type SearchHit,
} from '../api/shapes'
import type { Core } from '../core/core'
import extractionWorker from '../core/import/extraction-worker?modulePath'
import { defaultLibraryDir, defaultUserDataDir } from '../core/paths'
import { printable } from '../core/printable'
import type { Call } from './contract-call'
import { checkOptions, UsageError, type CheckedOptions } from './options'

// Only what --help needs is imported above: the core, the contract's schemas (zod), the browser host and each
// command's module load when a command needs them, so `visavis --help`, `list` and `show` start at once.

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  readStdin(): Promise<Buffer>
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilInterrupted(): Promise<void>
}

export interface CliOptions {
  /** The built renderer the browser host serves. */
  staticDir?: string
}

const USAGE = `Usage: visavis <command> [options]

Commands:
  import <file|folder|url|->
                      import a .txt, .md or .html article, every such file in a folder,
                      a web page, or standard input (-)
  list                list the articles in the library
  show <id>           print an article
  search <query>      find articles by their words (accents and case do not matter)
  translate <id>      translate an article (progress on stderr); cached translations need no engine
  retranslate <id> --paragraph N [--sentence M]
                      translate one paragraph (or one of its sentences) again, past the cache
  note add <id> --paragraph N [--quote TEXT] --text NOTE [--side original|translation] [--color C] [--tag T]
  note list <id>      notes and highlights of an article
  bookmark add <id> --paragraph N, bookmark list <id>
  export <id>|--all --format md|json|csv|anki [--delimiter , | ; | tab] [--out FILE]
                      notes for Obsidian (md), W3C Web Annotations (json), spreadsheets (csv) or Anki
  glossary add "<source>" "<target>" [--from fr --to en], glossary list, glossary remove <id or source words>
                      the reader's corrections, which every engine applies
  engines             the translation engines, their state and how to fix it
  models list|catalogue|download <name>|import <path>|delete <name>
                      Bergamot models under <user data>/models
  serve               start the browser host on 127.0.0.1 and print its URL

Options:
  --library DIR       the library folder (default: <user data>/library, ${defaultLibraryDir()})
  --user-data DIR     settings and models (default: $VISAVIS_USER_DATA, or ${defaultUserDataDir()})
  --json              machine-readable output
  --port N            port for serve (default: any free port)
  --to LANG           target language of translate, or serve's default (default: the settings', en)
  --from LANG         source language of a glossary entry (default: fr)
  --engine NAME       apertium, bergamot or libretranslate, for translate or as serve's default
                      (default: the settings', else the best ready one)
  --allow-private-address
                      let import fetch a page on this computer or the local network
  --catalogue URL     a Bergamot model registry in place of Firefox Translations'
  --libretranslate-url URL, --libretranslate-key KEY
                      a LibreTranslate server to use as an engine
  -h, --help          this help
`

/** Door 3: every command goes through the same contract dispatcher as the other doors. Returns the exit code. */
export async function runCli(argv: string[], terminal: CliIo, cliOptions: CliOptions = {}): Promise<number> {
  // What the library holds came from web pages: nothing it says may drive the terminal.
  const io: CliIo = { ...terminal, stdout: (text) => terminal.stdout(printable(text)), stderr: (text) => terminal.stderr(printable(text)) }
  try {
    const { values, positionals } = parseCommandLine(argv)
    const [command, ...rest] = positionals
    if (values.help || !command) {
      io.stdout(USAGE)
      return values.help ? 0 : 2
    }
    const options = checkOptions(values)
    const extraction = command === 'import' ? await startedExtraction() : undefined
    const { createCore } = await import('../core/core')
    const userDataDir = resolve(values['user-data'] ?? process.env.VISAVIS_USER_DATA ?? defaultUserDataDir())
    const libreTranslateUrl = values['libretranslate-url']
    const core = await createCore({
      libraryDir: resolve(values.library ?? join(userDataDir, 'library')),
      extractionWorker,
      userDataDir,
      libreTranslate: libreTranslateUrl === undefined ? undefined : { url: libreTranslateUrl, apiKey: values['libretranslate-key'] ?? '' },
      defaults: command === 'serve' ? { engine: options.engine, to: values.to } : undefined,
      modelCatalogue: values.catalogue,
      watch: command === 'serve',
      warmEngines: command === 'serve',
      extraction,
    })
    try {
      return await runCommand(command, rest, values, options, core, io, cliOptions)
    } finally {
      await core.close() // closing saves the search index, which may add a problem
      for (const problem of (await core.getAppInfo({})).problems) io.stderr(`visavis: warning: ${problem}\n`)
    }
  } catch (error) {
    io.stderr(`visavis: ${messageOf(error)}\n`)
    return error instanceof UsageError ? 2 : 1
  }
}

/** The thread that reads pages, started first: its start-up is the longest wait of an import, and goes on while the core loads. */
async function startedExtraction() {
  const { createExtractionThread } = await import('../core/import/extraction-thread')
  const extraction = createExtractionThread({ workerEntry: extractionWorker })
  extraction.warm()
  return extraction
}

type ParsedValues = ReturnType<typeof parseCommandLine>['values']

async function runCommand(
  command: string,
  rest: string[],
  values: ParsedValues,
  options: CheckedOptions,
  core: Core,
  io: CliIo,
  cliOptions: CliOptions,
): Promise<number> {
  const call = callerFor(core)
  const print = (value: unknown, human: () => string) => io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : human())

  switch (command) {
    case 'import': {
      const { runImport } = await import('./import-command')
      return runImport(only(rest, 'import needs one file, folder or web address, or - for standard input'), call, io, {
        json: values.json,
        allowPrivateAddress: values['allow-private-address'],
      })
    }
    // The two commands that only read take no value but an id the CLI checks: they read the core directly, with no schema to load.
    case 'list': {
      const articles = await core.listArticles({})
      print(articles, () => formatList(articles))
      return 0
    }
    case 'show': {
      const article = await core.getArticle({ id: articleId(rest, 'show') })
      print(article, () => formatArticle(article))
      return 0
    }
    case 'serve': {
      const { startHost } = await import('../host/server')
      const host = await startHost({ core, staticDir: cliOptions.staticDir ?? defaultStaticDir(), port: options.port })
      print({ url: host.url }, () => `Vis-à-vis is served at ${host.url}\nOpen it in a browser; press Ctrl+C to stop.\n`)
      await io.untilInterrupted()
      await host.close()
      return 0
    }
    case 'translate': {
      const { runTranslate } = await import('./translate-command')
      return runTranslate(
        only(rest, 'translate needs an article id'),
        { to: values.to, engine: options.engine, json: values.json },
        core,
        call,
        io,
      )
    }
    case 'retranslate': {
      const id = only(rest, 'retranslate needs an article id')
      const { paragraph, sentence } = options
      if (paragraph === undefined) throw new UsageError('retranslate needs --paragraph N (1 for the first paragraph)')
      const result = (await call('retranslate', {
        id,
        paragraphId: `p${paragraph}`,
        sentenceIndex: sentence === undefined ? undefined : sentence - 1,
        to: values.to,
        engine: options.engine,
      })) as ParagraphTranslation
      print(result, () => `${result.sentences.map((pair) => pair.target).join(' ')}\n`)
      return 0
    }
    case 'note':
    case 'bookmark': {
      const { runNotes } = await import('./notes-command')
      const { paragraph, side, color } = options
      return runNotes(
        command,
        rest,
        { paragraph, quote: values.quote, text: values.text, side, color, tag: values.tag, json: values.json },
        call,
        io,
      )
    }
    case 'export': {
      const { runExport } = await import('./notes-command')
      const { format, delimiter } = options
      return runExport(rest[0], { all: values.all, format, delimiter, out: values.out }, call, io)
    }
    case 'glossary': {
      const { runGlossary } = await import('./glossary-command')
      return runGlossary(rest, { from: values.from, to: values.to, json: values.json }, call, io)
    }
    case 'models': {
      const { runModels } = await import('./models-command')
      return runModels(rest, core, call, io, values.json)
    }
    case 'engines': {
      const { formatEngines } = await import('./translate-command')
      const engines = (await call('listEngines', {})) as EngineInfo[]
      print(engines, () => formatEngines(engines))
      return 0
    }
    case 'search': {
      const hits = (await call('search', { query: rest.join(' ') })) as SearchHit[]
      print(hits, () => formatHits(hits))
      return 0
    }
    default:
      throw new UsageError(`unknown command "${command}" (try --help)`)
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        library: { type: 'string' },
        'user-data': { type: 'string' },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        to: { type: 'string' },
        from: { type: 'string' },
        engine: { type: 'string' },
        'libretranslate-url': { type: 'string' },
        catalogue: { type: 'string' },
        paragraph: { type: 'string' },
        quote: { type: 'string' },
        text: { type: 'string' },
        side: { type: 'string' },
        color: { type: 'string' },
        tag: { type: 'string', multiple: true },
        all: { type: 'boolean', default: false },
        'allow-private-address': { type: 'boolean', default: false },
        format: { type: 'string' },
        delimiter: { type: 'string' },
        out: { type: 'string' },
        sentence: { type: 'string' },
        'libretranslate-key': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** Calls through the contract's gate, whose module (and the schemas, zod) loads with the first call. */
function callerFor(core: Core): Call {
  let caller: Promise<Call> | undefined
  return async (method, args) => {
    caller ??= import('./contract-call').then(({ contractCaller }) => contractCaller(core))
    return (await caller)(method, args)
  }
}

function only(values: string[], message: string): string {
  if (values.length !== 1) throw new UsageError(message)
  return values[0]!
}

/** The one id a read-only command takes, checked here as the contract would, in the command line's words. */
function articleId(values: string[], command: string): string {
  const id = only(values, `${command} needs an article id`)
  if (!ARTICLE_ID.test(id))
    throw new UsageError(`${command} needs an article id: 16 letters and digits (0-9, a-f), as visavis list prints it`)
  return id
}

function defaultStaticDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url))
}

function formatList(articles: ArticleSummary[]): string {
  if (articles.length === 0) return 'The library is empty. Add an article with: visavis import <file>\n'
  return articles
    .map((a) => `${a.id}  ${(a.publishedAt ?? '').slice(0, 10).padEnd(10)}  ${a.lang.padEnd(3)}  ${a.title}${translationMark(a)}\n`)
    .join('')
}

/** "  [apertium]" after a translated article's title, "  [apertium 40%]" after a partly translated one's. */
function translationMark({ translation }: ArticleSummary): string {
  const state = translationStateOf(translation)
  if (state.state === 'none') return ''
  return `  [${state.engine}${state.state === 'partial' ? ` ${state.percent}%` : ''}]`
}

function formatHits(hits: SearchHit[]): string {
  if (hits.length === 0) return 'No article matches.\n'
  return hits.map((hit) => `${hit.id}  ${hit.title}\n    ${markHighlights(hit.snippet)}\n`).join('')
}

function markHighlights({ text, highlights }: SearchHit['snippet']): string {
  let marked = ''
  let at = 0
  for (const [start, end] of highlights) {
    marked += `${text.slice(at, start)}[${text.slice(start, end)}]`
    at = end
  }
  return marked + text.slice(at)
}

function formatArticle(article: Article): string {
  const meta = [article.publishedAt, article.source, article.lang].filter(Boolean).join(' · ')
  return `${article.title}\n${meta}\n\n${article.paragraphs.map((p) => p.text).join('\n\n')}\n`
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof UsageError) return error.message
  return `unexpected error: ${detailOf(error)}`
}
