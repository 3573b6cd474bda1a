import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  engineIds,
  type Article,
  type ArticleSummary,
  type EngineId,
  type EngineInfo,
  type MethodName,
  type ParagraphTranslation,
  type SearchHit,
  translationStateOf,
} from '../api/contract'
import { createDispatcher } from '../api/dispatch'
import { ApiError, detailOf } from '../api/errors'
import { createCore, type Core } from '../core/core'
import extractionWorker from '../core/import/extraction-worker?modulePath'
import { defaultLibraryDir, defaultUserDataDir } from '../core/paths'
import { startHost } from '../host/server'
import { printable } from '../core/printable'
import { GlossaryUsageError, runGlossary } from './glossary-command'
import { runImport } from './import-command'
import { ModelsUsageError, runModels } from './models-command'
import { NotesUsageError, runExport, runNotes } from './notes-command'
import { formatEngines, runTranslate } from './translate-command'

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

class UsageError extends Error {}

/** Door 3: every command goes through the same contract dispatcher as the other doors. Returns the exit code. */
export async function runCli(argv: string[], terminal: CliIo, options: CliOptions = {}): Promise<number> {
  // What the library holds came from web pages: nothing it says may drive the terminal.
  const io: CliIo = { ...terminal, stdout: (text) => terminal.stdout(printable(text)), stderr: (text) => terminal.stderr(printable(text)) }
  try {
    const { values, positionals } = parseCommandLine(argv)
    const [command, ...rest] = positionals
    if (values.help || !command) {
      io.stdout(USAGE)
      return values.help ? 0 : 2
    }
    const userDataDir = resolve(values['user-data'] ?? process.env.VISAVIS_USER_DATA ?? defaultUserDataDir())
    const libreTranslateUrl = values['libretranslate-url']
    const core = await createCore({
      libraryDir: resolve(values.library ?? join(userDataDir, 'library')),
      extractionWorker,
      userDataDir,
      libreTranslate: libreTranslateUrl === undefined ? undefined : { url: libreTranslateUrl, apiKey: values['libretranslate-key'] ?? '' },
      defaults: command === 'serve' ? { engine: parseEngine(values.engine), to: values.to } : undefined,
      modelCatalogue: values.catalogue,
      watch: command === 'serve',
      warmEngines: command === 'serve',
    })
    try {
      return await runCommand(command, rest, values, core, io, options)
    } finally {
      await core.close() // closing saves the search index, which may add a problem
      for (const problem of (await core.getAppInfo({})).problems) io.stderr(`visavis: warning: ${problem}\n`)
    }
  } catch (error) {
    io.stderr(`visavis: ${messageOf(error)}\n`)
    return isUsageError(error) ? 2 : 1
  }
}

type ParsedValues = ReturnType<typeof parseCommandLine>['values']

async function runCommand(
  command: string,
  rest: string[],
  values: ParsedValues,
  core: Core,
  io: CliIo,
  options: CliOptions,
): Promise<number> {
  const call = callerFor(core)
  const print = (value: unknown, human: () => string) => io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : human())

  switch (command) {
    case 'import':
      return runImport(only(rest, 'import needs one file, folder or web address, or - for standard input'), call, io, {
        json: values.json,
        allowPrivateAddress: values['allow-private-address'],
      })
    case 'list': {
      const articles = (await call('listArticles', {})) as ArticleSummary[]
      print(articles, () => formatList(articles))
      return 0
    }
    case 'show': {
      const article = (await call('getArticle', { id: only(rest, 'show needs an article id') })) as Article
      print(article, () => formatArticle(article))
      return 0
    }
    case 'serve': {
      const host = await startHost({ core, staticDir: options.staticDir ?? defaultStaticDir(), port: parsePort(values.port) })
      print({ url: host.url }, () => `Vis-à-vis is served at ${host.url}\nOpen it in a browser; press Ctrl+C to stop.\n`)
      await io.untilInterrupted()
      await host.close()
      return 0
    }
    case 'translate':
      return runTranslate(
        only(rest, 'translate needs an article id'),
        { to: values.to, engine: values.engine, json: values.json },
        core,
        call,
        io,
      )
    case 'retranslate': {
      const id = only(rest, 'retranslate needs an article id')
      const paragraph = parsePositive(values.paragraph, '--paragraph')
      if (paragraph === undefined) throw new UsageError('retranslate needs --paragraph N (1 for the first paragraph)')
      const sentence = parsePositive(values.sentence, '--sentence')
      const result = (await call('retranslate', {
        id,
        paragraphId: `p${paragraph}`,
        sentenceIndex: sentence === undefined ? undefined : sentence - 1,
        to: values.to,
        engine: values.engine,
      })) as ParagraphTranslation
      print(result, () => `${result.sentences.map((pair) => pair.target).join(' ')}\n`)
      return 0
    }
    case 'note':
    case 'bookmark':
      return runNotes(
        command,
        rest,
        {
          paragraph: parsePositive(values.paragraph, '--paragraph'),
          quote: values.quote,
          text: values.text,
          side: values.side,
          color: values.color,
          tag: values.tag,
          json: values.json,
        },
        call,
        io,
      )
    case 'export':
      return runExport(rest[0], { all: values.all, format: values.format, delimiter: values.delimiter, out: values.out }, call, io)
    case 'glossary':
      return runGlossary(rest, { from: values.from, to: values.to, json: values.json }, call, io)
    case 'models':
      return runModels(rest, core, call, io, values.json)
    case 'engines': {
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

/** Calls through the contract's gate; an unexpected error comes out whole, for the one line the user reads. */
function callerFor(core: Core) {
  return async (method: MethodName, args: unknown): Promise<unknown> => {
    let unexpected: unknown
    const envelope = await createDispatcher(core, { logError: (error) => (unexpected = error) })(method, args)
    if (envelope.ok) return envelope.result
    throw unexpected ?? new ApiError(envelope.error.code, envelope.error.message)
  }
}

function only(values: string[], message: string): string {
  if (values.length !== 1) throw new UsageError(message)
  return values[0]!
}

function parseEngine(value: string | undefined): EngineId | undefined {
  if (value === undefined) return undefined
  if (!(engineIds as readonly string[]).includes(value)) throw new UsageError(`--engine must be one of ${engineIds.join(', ')}`)
  return value as EngineId
}

function parsePositive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${option} must be a whole number from 1`)
  return number
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535`)
  return port
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

function isUsageError(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    error instanceof ModelsUsageError ||
    error instanceof NotesUsageError ||
    error instanceof GlossaryUsageError
  )
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError || isUsageError(error)) return error.message
  return `unexpected error: ${detailOf(error)}`
}
