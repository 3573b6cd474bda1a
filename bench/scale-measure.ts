// The measuring half of bench/scale.ts, bundled and run under plain Node so its memory is the app's, not a loader's.
import { createCore } from '../main/core/core'
import { createTextGenerator } from './french-like'

// The import worker's entry comes from bench/scale.ts: this bundle no longer sits beside the sources.
const [libraryDir, expected, extractionWorker] = [process.argv[2]!, Number(process.argv[3]), process.argv[4]!]
// The same seed gives the same vocabulary the articles were written with.
const generator = createTextGenerator()
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

const [core, openMs] = await timed(() => createCore({ libraryDir, extractionWorker }))
const [articles, listMs] = await timed(() => core.listArticles({}))
if (articles.length !== expected) throw new Error(`expected ${expected} articles, found ${articles.length}`)

const someWord = () => generator.vocabulary[Math.floor(generator.random() * 800)]!
const queries = Array.from({ length: 300 }, (_, i) =>
  i % 4 === 0 ? someWord().slice(0, 4) : i % 3 === 0 ? `${someWord()} ${someWord()}` : someWord(),
)
const searchTimes: number[] = []
let hits = 0
for (const query of queries) {
  const [found, ms] = await timed(() => core.search({ query, limit: 20 }))
  hits += found.length
  searchTimes.push(ms)
}

const openTimes: number[] = []
for (let i = 0; i < 300; i++) {
  const id = articles[Math.floor(generator.random() * articles.length)]!.id
  openTimes.push((await timed(() => core.getArticle({ id })))[1])
}

// The writes a reader makes all day, each on an article of its own so none is skipped as "no change".
const writeTimes = async (write: (id: string, i: number) => Promise<unknown>) => {
  const times: number[] = []
  for (let i = 0; i < 200; i++) {
    const id = articles[Math.floor(generator.random() * articles.length)]!.id
    times.push((await timed(() => write(id, i)))[1])
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) }
}
const positionWrites = await writeTimes((id, i) => core.setReadingPosition({ id, paragraphId: 'p1', progress: (i % 97) / 100 }))
const tagWrites = await writeTimes((id, i) => core.setTags({ id, tags: [`tag-${i}`] }))
const noteWrites = await writeTimes((id, i) => core.addAnnotation({ articleId: id, kind: 'note', paragraphId: 'p1', note: `note ${i}` }))

process.stdout.write(
  JSON.stringify({
    openMs,
    listMs,
    searchP50: percentile(searchTimes, 0.5),
    searchP95: percentile(searchTimes, 0.95),
    averageHits: hits / queries.length,
    openArticleP50: percentile(openTimes, 0.5),
    openArticleP95: percentile(openTimes, 0.95),
    openArticleMax: Math.max(...openTimes),
    positionWrites,
    tagWrites,
    noteWrites,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
  }),
)
