import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { batchesOf } from '../../../api/batches'
import { ApiError } from '../../../api/errors'
import type { EngineIdentity, EngineStatus, LanguagePair, TranslatedSentence, TranslationEngine } from '../engine'
import { MARKED_SPAN, unmark } from '../protection/spans'
import { perfectWithAvoir } from './auxiliaries'
import { tidyEnglish } from './english-output'
import { markPhrases, restoreStandIns, standInNouns } from './phrasebook'
import { ApertiumPipeline, parseModeFile } from './pipeline'
import { uninvertReportingClauses } from './reporting-clauses'
import { chooseRoute, type RouteTranslation } from './route-choice'
import { cleanTranslation, joinSentences, markedWords, replaceMarkedWords, restorePlaceholders, splitTranslations } from './stream-format'

const run = promisify(execFile)

export interface ApertiumOptions {
  /** Where the pairs' data and `modes/` live (Debian: /usr/share/apertium). */
  dataDir?: string
  /** The `apertium` program, used to list the installed pairs. */
  command?: string
  timeoutMs?: number
}

/** A direct pair as Apertium names it ("fra-cat"), with ISO 639-1 ends. */
interface DirectPair extends LanguagePair {
  mode: string
}

const INSTALL_COMMAND = 'sudo apt-get install apertium apertium-fra-cat apertium-eng-cat apertium-fr-es apertium-eng-spa'
const INSTALL_FIX = {
  messageCode: 'apertium_not_installed',
  params: { command: INSTALL_COMMAND },
  message: `Install Apertium and its French pairs: ${INSTALL_COMMAND}`,
} as const
const ISO_639_1: Record<string, string> = {
  fra: 'fr',
  fr: 'fr',
  cat: 'ca',
  ca: 'ca',
  eng: 'en',
  en: 'en',
  spa: 'es',
  es: 'es',
  por: 'pt',
  ita: 'it',
  oci: 'oc',
}
/** Pivot languages, each a route of its own when both halves are installed; the first wins a tie. */
const PIVOTS = ['es', 'ca']
/** Requests of a few thousand characters: big enough to keep every stage busy, small enough to stream. */
const MAX_REQUEST_CHARS = 4000
const BATCHES_AHEAD = 3

export function createApertiumEngine({
  dataDir = '/usr/share/apertium',
  command = 'apertium',
  timeoutMs,
}: ApertiumOptions = {}): TranslationEngine {
  const pipelines = new Map<string, Promise<ApertiumPipeline>>()
  let closed = false
  const wordTranslations = new Map<string, string>()
  let directPairs: Promise<DirectPair[]> | null = null

  const installedPairs = () => (directPairs ??= listDirectPairs(command).catch(() => []))

  /** The direct pair if there is one; otherwise every route through a pivot language. */
  async function plan({ from, to }: LanguagePair): Promise<DirectPair[][]> {
    const pairs = await installedPairs()
    const direct = pairs.find((pair) => pair.from === from && pair.to === to)
    if (direct) return [[direct]]
    const routes = PIVOTS.flatMap((pivot) => {
      const first = pairs.find((pair) => pair.from === from && pair.to === pivot)
      const second = pairs.find((pair) => pair.from === pivot && pair.to === to)
      return first && second ? [[first, second]] : []
    })
    if (routes.length === 0)
      throw new ApiError('engine_unavailable', `Apertium has no way from ${from} to ${to} here. ${INSTALL_FIX.message}`)
    return routes
  }

  /** One chain per mode, made once even when several requests ask for it together; none once the engine is closed. */
  function pipelineFor(mode: string): Promise<ApertiumPipeline> {
    if (closed) return Promise.reject(new ApiError('engine_unavailable', 'Apertium was stopped.'))
    let pipeline = pipelines.get(mode)
    if (!pipeline) {
      pipeline = readFile(modeFile(dataDir, mode), 'utf8').then((text) => new ApertiumPipeline(mode, parseModeFile(text), timeoutMs))
      pipelines.set(mode, pipeline)
    }
    return pipeline
  }

  async function runRoute(stream: string, route: DirectPair[]): Promise<string> {
    for (const step of route) stream = await (await pipelineFor(step.mode)).run(stream)
    return stream
  }

  /** One route's translations of marked sentences; a sentence whose placeholders got lost goes again unprotected. */
  async function translateRoute(markedSentences: string[], route: DirectPair[]): Promise<RouteTranslation[]> {
    const raws = splitTranslations(await runRoute(joinSentences(markedSentences), route), markedSentences.length)
    return Promise.all(
      raws.map(async (raw, i) => {
        const restored =
          restorePlaceholders(raw, markedSentences[i]!) ??
          splitTranslations(await runRoute(joinSentences([unmark(markedSentences[i]!)]), route), 1)[0]!
        return readRoute(restored, markedSentences[i]!, route)
      }),
    )
  }

  /** Splits the marked words into source words left untranslated and pivot-language words, mapped back to the source. */
  async function readRoute(raw: string, markedSource: string, route: DirectPair[]): Promise<RouteTranslation> {
    const source = unmark(markedSource)
    const sourceWords = [...new Set(source.match(/[\p{L}\p{M}][\p{L}\p{N}\p{M}-]*/gu) ?? [])]
    const inSource = new Set(sourceWords.map((word) => word.toLowerCase()))
    const marked = markedWords(raw)
    const pivotLeftovers = route.length > 1 ? marked.filter((word) => !inSource.has(word.toLowerCase())) : []
    const back = await backToSource(pivotLeftovers, sourceWords, route[0]!)
    const cleaned = cleanTranslation(replaceMarkedWords(raw, (word) => back.get(word)))
    return {
      route: [route[0]!.from, ...route.map((step) => step.to)].join('-'),
      target: route.at(-1)!.to === 'en' ? tidyEnglish(cleaned, markedSource) : cleaned,
      unknownWords: marked.filter((word) => inSource.has(word.toLowerCase())),
      pivotLeftovers: pivotLeftovers.map((word) => back.get(word) ?? word),
    }
  }

  /**
   * The source word each pivot-language leftover came from: the source word whose own first-step translation it
   * is, or else what the first step's reverse pair ("cat-fra" for "fra-cat") makes of it, when installed.
   */
  async function backToSource(leftovers: string[], sourceWords: string[], firstStep: DirectPair): Promise<Map<string, string>> {
    if (leftovers.length === 0) return new Map()
    const forward = await translateWords(sourceWords, firstStep)
    const reverse = (await installedPairs()).find((pair) => pair.from === firstStep.to && pair.to === firstStep.from)
    const unmatched = leftovers.filter((word) => !sourceWords.some((source) => sameWord(forward.get(source), word)))
    const backward = reverse ? await translateWords(unmatched, reverse) : new Map<string, string>()
    return new Map(
      leftovers.map((word) => {
        const source = sourceWords.find((candidate) => sameWord(forward.get(candidate), word)) ?? backward.get(word) ?? word
        return [word, withCaseOf(word, source)]
      }),
    )
  }

  /** Single words through one pair, each once per engine; each ends in a full stop, so no multiword unit spans two. */
  async function translateWords(words: string[], step: DirectPair): Promise<Map<string, string>> {
    const missing = [...new Set(words)].filter((word) => !wordTranslations.has(`${step.mode}:${word}`))
    if (missing.length > 0) {
      const stream = await runRoute(joinSentences(missing.map((word) => `${word}.`)), [step]).catch(() => null)
      const raws = stream === null ? [] : splitTranslations(stream, missing.length)
      missing.forEach((word, i) => wordTranslations.set(`${step.mode}:${word}`, cleanTranslation(raws[i] ?? word).replace(/\.$/, '')))
    }
    return new Map(words.map((word) => [word, wordTranslations.get(`${step.mode}:${word}`)!]))
  }

  async function translateBatch(markedSentences: string[], routes: DirectPair[][], pair: LanguagePair): Promise<TranslatedSentence[]> {
    const prepared = markedSentences.map((sentence) => standInNouns(sentence, pair))
    const byRoute = await Promise.all(
      routes.map((route) =>
        translateRoute(
          prepared.map(({ text }) => text),
          route,
        ),
      ),
    )
    return prepared.map(({ standIns }, i) => {
      const candidates = byRoute.map((translations) => ({
        ...translations[i]!,
        target: restoreStandIns(translations[i]!.target, standIns),
      }))
      const { chosen, alternative, reason } = chooseRoute(candidates, outsideSpans(markedSentences[i]!), pair)
      return {
        index: i,
        target: chosen.target,
        route: chosen.route,
        ...(reason ? { routeReason: reason } : {}),
        unknownWords: [...chosen.unknownWords, ...chosen.pivotLeftovers],
        ...(alternative ? { alternative: { route: alternative.route, target: alternative.target } } : {}),
      }
    })
  }

  return {
    id: 'apertium',
    keepsMarkedSpans: true,
    async status(): Promise<EngineStatus> {
      const pairs = await installedPairs()
      if (pairs.length === 0) return { state: 'not_installed', fix: INSTALL_FIX }
      return pairs.some((pair) => pair.from === 'fr') ? { state: 'ready' } : { state: 'needs_model', fix: INSTALL_FIX }
    },
    async pairs() {
      const direct = await installedPairs()
      const languages = new Set(direct.flatMap((pair) => [pair.from, pair.to]))
      const reachable: LanguagePair[] = []
      for (const from of languages) {
        for (const to of languages) if (from !== to && (await plan({ from, to }).catch(() => null))) reachable.push({ from, to })
      }
      return reachable
    },
    async identity(pair): Promise<EngineIdentity> {
      const modes = (await plan(pair)).map((route) => route.map((step) => step.mode).join('+'))
      return {
        engine: 'apertium',
        model: modes.join(','),
        version: await versionOf(
          dataDir,
          modes.flatMap((mode) => mode.split('+')),
        ),
      }
    },
    async *translate(sentences, pair, signal): AsyncIterable<TranslatedSentence> {
      const routes = await plan(pair)
      const batches = batchesOf(
        sentences.map((sentence) => markPhrases(perfectWithAvoir(uninvertReportingClauses(sentence, pair), pair), pair)),
        (sentence) => sentence.length,
        { maxSize: MAX_REQUEST_CHARS },
      )
      // Batches are sent a few ahead of the one being read, so the stages of both pipelines stay busy.
      const started: Promise<TranslatedSentence[]>[] = []
      const startUpTo = (count: number) => {
        while (started.length < Math.min(count, batches.length)) started.push(translateBatch(batches[started.length]!, routes, pair))
      }
      let index = 0
      try {
        for (let b = 0; b < batches.length; b++) {
          signal?.throwIfAborted()
          startUpTo(b + BATCHES_AHEAD)
          for (const translated of await started[b]!) yield { ...translated, index: index++ }
        }
      } finally {
        for (const pending of started) pending.catch(() => undefined) // answers nobody will read
      }
    },
    async warm(pair) {
      // An empty request makes every stage of every route load its data and answer.
      const routes = await plan(pair)
      await Promise.all(routes.map((route) => runRoute('[]', route)))
    },
    async close() {
      closed = true
      for (const pipeline of pipelines.values()) (await pipeline.catch(() => null))?.close()
      pipelines.clear()
    },
  }
}

function sameWord(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase()
}

/** A word mapped back keeps the case it had: Apertium capitalises a word sent alone. */
function withCaseOf(original: string, mapped: string): string {
  return /^\p{Ll}/u.test(original) ? mapped.charAt(0).toLowerCase() + mapped.slice(1) : mapped
}

/** The pairs `apertium -l` lists, without variants ("eng-cat_valencia") and with ISO 639-1 codes. */
async function listDirectPairs(command: string): Promise<DirectPair[]> {
  const { stdout } = await run(command, ['-l'], { timeout: 10_000 })
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .flatMap((mode) => {
      const match = /^([a-z]{2,3})-([a-z]{2,3})$/.exec(mode)
      const [from, to] = [ISO_639_1[match?.[1] ?? ''], ISO_639_1[match?.[2] ?? '']]
      return from && to ? [{ mode, from, to }] : []
    })
}

function modeFile(dataDir: string, mode: string): string {
  return join(dataDir, 'modes', `${mode}.mode`)
}

/** Changes when a pair's data is updated: a hash of its mode files' content and their data files' sizes and dates. */
async function versionOf(dataDir: string, modes: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const mode of modes) {
    const text = await readFile(modeFile(dataDir, mode), 'utf8')
    hash.update(text)
    for (const file of text.match(/'\/[^']+'/g) ?? []) {
      const info = await stat(file.slice(1, -1)).catch(() => null)
      hash.update(`${file}:${info?.size}:${info?.mtimeMs}`)
    }
  }
  return hash.digest('hex').slice(0, 12)
}

/** The source words Apertium itself translates: protected spans already have their translation. */
function outsideSpans(markedSentence: string): string {
  return markedSentence.replace(new RegExp(MARKED_SPAN, 'g'), ' ')
}
