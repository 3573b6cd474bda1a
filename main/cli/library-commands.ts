import { type Article, ARTICLE_ID, type ArticleSummary, type SearchHit, translationStateOf } from '../api/shapes'
import { type CommandContext, only, printer, UsageError } from './command-context'

// list and show read the core directly: no contract schema (zod) loads for them, and their one operand is checked here.

/** `visavis list`. */
export async function runList({ io, options, open }: CommandContext<{ json: boolean }>): Promise<number> {
  const { core } = await open()
  const articles = await core.listArticles({})
  printer(io, options.json)(articles, formatList(articles))
  return 0
}

/** `visavis show <id>`. */
export async function runShow({ operands, io, options, open }: CommandContext<{ json: boolean }>): Promise<number> {
  const id = only(operands, 'show needs an article id')
  if (!ARTICLE_ID.test(id)) throw new UsageError('show needs an article id: 16 letters and digits (0-9, a-f), as visavis list prints it')
  const { core } = await open()
  const article = await core.getArticle({ id })
  printer(io, options.json)(article, formatArticle(article))
  return 0
}

/** `visavis search <words>`. */
export async function runSearch({ operands, io, options, open }: CommandContext<{ json: boolean }>): Promise<number> {
  const { call } = await open()
  const hits = await call('search', { query: operands.join(' ') })
  printer(io, options.json)(hits, formatHits(hits))
  return 0
}

function formatList(articles: ArticleSummary[]): string {
  if (articles.length === 0) return 'The library is empty. Add an article with: visavis import <file>\n'
  return articles
    .map((a) => `${a.id}  ${(a.publishedAt ?? '').slice(0, 10).padEnd(10)}  ${a.lang.padEnd(3)}  ${a.title}${translationMark(a)}\n`)
    .join('')
}

/** "  [apertium en]" after a title translated into English, "  [apertium en 40%]" after a partly translated one. */
function translationMark({ translation }: ArticleSummary): string {
  const state = translationStateOf(translation)
  if (state.state === 'none') return ''
  return `  [${state.engine} ${translation!.to}${state.state === 'partial' ? ` ${state.percent}%` : ''}]`
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
