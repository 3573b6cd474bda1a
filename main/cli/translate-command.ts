import type { ErrorData } from '../api/errors'
import type { Article, ArticleTranslation, EngineId, EngineInfo, ParagraphTranslation, SentencePair } from '../api/shapes'
import { type CommandContext, libreTranslateSetting, only, printer } from './command-context'

interface EngineOptions {
  libretranslateUrl?: string
  libretranslateKey?: string
}

export interface TranslateOptions extends EngineOptions {
  to?: string
  engine?: EngineId
  json: boolean
}

export interface RetranslateOptions extends TranslateOptions {
  paragraph: number
  sentence?: number
}

/**
 * `visavis translate <id>`: starts the article's translation, reports progress on stderr, and prints the paragraphs
 * with their sentence pairs. Exits 1 when any paragraph could not be translated.
 */
export async function runTranslate({ operands, options, io, open }: CommandContext<TranslateOptions>): Promise<number> {
  const id = only(operands, 'translate needs an article id')
  const { core, call } = await open(libreTranslateSetting(options))
  const failures = new Map<string, ErrorData>()
  let finish: () => void = () => undefined
  const finished = new Promise<void>((resolve) => (finish = resolve))
  let jobId: string | null = null
  const unsubscribe = core.subscribe((event) => {
    if (!('jobId' in event) || event.jobId !== jobId) return
    if (event.type === 'translation.progress') io.stderr(`Translated ${event.done}/${event.total} paragraphs\n`)
    if (event.type === 'translation.error') failures.set(event.paragraphId, event.error)
    if (event.type === 'translation.finished') finish()
  })
  try {
    const job = await call('translateArticle', { id, to: options.to, engine: options.engine })
    jobId = job.jobId
    const allOfThem = job.total === 1 ? 'The one paragraph comes' : `All ${job.total} paragraphs come`
    if (jobId === null) io.stderr(`${allOfThem} from the cache (${job.engine}, ${job.model}).\n`)
    else await finished
    const article = await call('getArticle', { id })
    const translation = await call('getTranslation', { id, to: job.to, engine: job.engine })
    const paragraphs = joinParagraphs(article, translation?.paragraphs ?? [])
    io.stdout(
      options.json
        ? `${JSON.stringify({ engine: job.engine, model: job.model, to: job.to, ...titles(article, translation), paragraphs }, null, 2)}\n`
        : formatTranslation(translation?.title, paragraphs),
    )
    for (const [paragraphId, error] of failures) io.stderr(`visavis: paragraph ${paragraphId} was not translated: ${error.message}\n`)
    return failures.size > 0 ? 1 : 0
  } finally {
    unsubscribe()
  }
}

/** `visavis retranslate <id> --paragraph N [--sentence M]`: one paragraph, or one of its sentences, past the cache. */
export async function runRetranslate({ operands, options, io, open }: CommandContext<RetranslateOptions>): Promise<number> {
  const id = only(operands, 'retranslate needs an article id')
  const { paragraph, sentence, to, engine } = options
  const { call } = await open(libreTranslateSetting(options))
  const sentenceIndex = sentence === undefined ? undefined : sentence - 1
  const result = await call('retranslate', { id, paragraphId: `p${paragraph}`, sentenceIndex, to, engine })
  printer(io, options.json)(result, `${result.sentences.map((pair) => pair.target).join(' ')}\n`)
  return 0
}

/** `visavis engines`: each engine's state, and the step that fixes it. */
export async function runEngines({ options, io, open }: CommandContext<EngineOptions & { json: boolean }>): Promise<number> {
  const { call } = await open(libreTranslateSetting(options))
  const engines = await call('listEngines', {})
  printer(io, options.json)(engines, formatEngines(engines))
  return 0
}

function titles(article: Article, translation: ArticleTranslation | null) {
  return { title: article.title, translatedTitle: translation?.title ?? null }
}

function joinParagraphs(article: Article, translated: ParagraphTranslation[]) {
  return article.paragraphs.map((paragraph) => {
    const sentences = (translated.find((t) => t.paragraphId === paragraph.id)?.sentences ?? []).map(withRouteAndDoubt)
    return { id: paragraph.id, source: paragraph.text, translation: sentences.map((s) => s.target).join(' '), sentences }
  })
}

/** Every sentence says which way it came (null for engines with one way) and whether the reader should doubt it. */
function withRouteAndDoubt(pair: SentencePair) {
  return { ...pair, route: pair.route ?? null, unsure: pair.unsure ?? false }
}

function formatTranslation(title: string | undefined, paragraphs: ReturnType<typeof joinParagraphs>): string {
  const body = paragraphs.map((p) => `${p.translation || '(not translated)'}\n`).join('\n')
  return title ? `${title}\n\n${body}` : body
}

function formatEngines(engines: EngineInfo[]): string {
  return engines
    .map(({ id, status, pairs }) => {
      const fromFrench = pairs.filter((pair) => pair.from === 'fr').map((pair) => pair.to)
      const detail =
        status.state === 'ready'
          ? `ready; from French into ${fromFrench.join(', ') || 'nothing'}`
          : `${status.state.replace('_', ' ')}: ${status.fix.message}`
      return `${id.padEnd(15)} ${detail}\n`
    })
    .join('')
}
