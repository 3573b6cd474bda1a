import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { constants, getPriority } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { parsePlainText } from '../../main/core/import/plain-text'
import { createApertiumEngine as createEngine } from '../../main/core/translation/apertium/apertium-engine'
import { ApertiumPipeline, parseModeFile, STARTUP_TIMEOUT_MS } from '../../main/core/translation/apertium/pipeline'
import { cleanTranslation, joinSentences, restorePlaceholders, splitTranslations } from '../../main/core/translation/apertium/stream-format'
import type { TranslationEngine } from '../../main/core/translation/engine'
import { splitSentences } from '../../main/core/translation/sentences'
import { apertiumInstalled } from '../support/apertium'
import { SEED_PATH } from '../support/seed'

const FAKE_STAGE = { program: process.execPath, args: [join(import.meta.dirname, '../support/fake-apertium-stage.js')] }
/**
 * Only the pipeline's own timeouts are under test, never how fast the machine is: a test may start a few chains, each
 * allowed STARTUP_TIMEOUT_MS to load Apertium's data on a loaded machine; a stand-in stage is node, up in seconds.
 */
const CHAINS_TIMEOUT_MS = 3 * STARTUP_TIMEOUT_MS
const STAND_IN_CHAINS_TIMEOUT_MS = 60_000

describe('Apertium stream format', () => {
  it('reads a mode file into null-flush stages', () => {
    const stages = parseModeFile(
      "lt-proc -w '/data/fra-cat.automorf.bin' | apertium-tagger -g $2 '/data/fra-cat.prob' | lt-proc $1 -b '/x y/gen.bin'\n",
    )
    expect(stages).toEqual([
      { program: 'lt-proc', args: ['-z', '-w', '/data/fra-cat.automorf.bin'] },
      { program: 'apertium-tagger', args: ['-z', '-g', '/data/fra-cat.prob'] },
      { program: 'lt-proc', args: ['-z', '-g', '-b', '/x y/gen.bin'] },
    ])
  })

  it('escapes reserved characters and cuts answers at the numbered boundaries', () => {
    const request = joinSentences(['Un [test] ^a$ @b.', 'Deux.'])
    expect(request).toBe('Un \\[test\\] \\^a\\$ \\@b.[][s0] Deux.[][s1][]')
    expect(splitTranslations('One \\[test\\] \\^a\\$ \\@b.[][s0] Two.[][s1][]', 2).map(cleanTranslation)).toEqual([
      'One [test] ^a$ @b.',
      'Two.',
    ])
    expect(() => splitTranslations('One.[][s0]', 2)).toThrow(/lost the boundary after sentence 2/)
  })

  it('drops unknown-word marks, doubled through a pivot, and keeps the words', () => {
    expect(cleanTranslation('The **OCS and the *Xi, #went @home (*here).')).toBe('The OCS and the Xi, went home (here).')
  })

  it('sends protected spans as placeholder words and puts their text back where they come out', () => {
    const marked = 'a affirmé \uE000Mr Xi\uE001 le \uE0005 March\uE001.'
    expect(joinSentences([marked])).toBe('a affirmé Zqxa le Zqxb.[][s0][]')
    expect(cleanTranslation(restorePlaceholders('**Zqxb, has said **Zqxa.', marked)!)).toBe('5 March, has said Mr Xi.')
    expect(restorePlaceholders('has said **Zqxa.', marked)).toBeNull()
  })
})

describe('ApertiumPipeline (with stand-in stages)', { timeout: STAND_IN_CHAINS_TIMEOUT_MS }, () => {
  it('keeps its processes alive from request to request, through a chain of stages', async () => {
    const pipeline = new ApertiumPipeline('test', [FAKE_STAGE, FAKE_STAGE])
    const first = await pipeline.run('bonjour')
    const second = await pipeline.run('encore')
    expect(first).toMatch(/^BONJOUR #\d+:1 #\d+:1$/)
    expect(second).toMatch(/^ENCORE #\d+:2 #\d+:2$/)
    expect(second.replace(/:\d/g, '').split(' #').slice(1)).toEqual(first.replace(/:\d/g, '').split(' #').slice(1))
    pipeline.close()
  })

  it('runs its stages at the lowest priority, so a long translation takes only what the window leaves', async () => {
    const pipeline = new ApertiumPipeline('test', [FAKE_STAGE, FAKE_STAGE])
    const pids = [...(await pipeline.run('bonjour')).matchAll(/#(\d+):/g)].map((match) => Number(match[1]))
    expect(pids).toHaveLength(2)
    for (const pid of pids) expect(getPriority(pid)).toBe(constants.priority.PRIORITY_LOW)
    pipeline.close()
  })

  it('answers concurrent requests in order, each with its own answer', async () => {
    const pipeline = new ApertiumPipeline('test', [FAKE_STAGE])
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pipeline.run(`r${i}`)))
    expect(answers.map((answer) => answer.split(' ')[0])).toEqual(Array.from({ length: 20 }, (_, i) => `R${i}`))
    pipeline.close()
  })

  it('restarts a crashed stage for the next request', async () => {
    const pipeline = new ApertiumPipeline('test', [FAKE_STAGE, FAKE_STAGE])
    const before = await pipeline.run('avant')
    await expect(pipeline.run('CRASH')).rejects.toMatchObject({ code: 'engine_unavailable', message: expect.stringMatching(/stopped/) })
    const after = await pipeline.run('après')
    expect(after).toMatch(/^APRÈS #\d+:1/)
    expect(after.split(' #')[1]!.split(':')[0]).not.toBe(before.split(' #')[1]!.split(':')[0])
    pipeline.close()
  })

  it('times out a hung stage, then works again', async () => {
    const pipeline = new ApertiumPipeline('test', [FAKE_STAGE], 300)
    await pipeline.run('started')
    await expect(pipeline.run('HANG')).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/stopped answering/),
    })
    expect(await pipeline.run('ok')).toMatch(/^OK #\d+:1$/)
    pipeline.close()
  })

  it('gives a fresh chain longer than the timeout for its first answer, while its programs load', async () => {
    const pipeline = new ApertiumPipeline('test', [FAKE_STAGE], 300)
    expect(await pipeline.run('SLOW900')).toMatch(/^SLOW900 #\d+:1$/)
    await expect(pipeline.run('SLOW900')).rejects.toMatchObject({ message: expect.stringMatching(/stopped answering/) })
    pipeline.close()
  })

  it('reports a program that cannot start', async () => {
    const pipeline = new ApertiumPipeline('test', [{ program: '/nonexistent/lt-proc', args: [] }])
    await expect(pipeline.run('x')).rejects.toMatchObject({ code: 'engine_unavailable', message: expect.stringMatching(/could not run/) })
    pipeline.close()
  })
})

const installed = apertiumInstalled()
if (!installed)
  console.log(
    'Apertium engine tests skipped: `apertium -l` lists no fra-cat pair (apt-get install apertium apertium-fra-cat apertium-eng-cat).',
  )

/** The programs this test process has running. */
function childProcesses(): string[] {
  let listing = ''
  try {
    listing = execFileSync('ps', ['-o', 'comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
  } catch {
    // ps exits with 1 when no process matches.
  }
  return listing
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name && name !== 'ps')
}

async function engineTranslations(engine: TranslationEngine, sentences: string[], to = 'en') {
  const out: string[] = []
  for await (const { index, target } of engine.translate(sentences, { from: 'fr', to })) out[index] = target
  return out
}

describe.skipIf(!installed)('Apertium engine (the real one)', { timeout: CHAINS_TIMEOUT_MS }, () => {
  // Closed even when a test fails, so that its programs are not counted as left behind by the next test.
  const engines: TranslationEngine[] = []
  afterEach(() => Promise.all(engines.splice(0).map((engine) => engine.close())))
  const createApertiumEngine = (...args: Parameters<typeof createEngine>) => {
    const engine = createEngine(...args)
    engines.push(engine)
    return engine
  }

  it('is ready, offers fr→en through Spanish and Catalan, and fr→es, fr→ca directly', async () => {
    const engine = createApertiumEngine()
    expect(await engine.status()).toEqual({ state: 'ready' })
    expect(await engine.pairs()).toEqual(
      expect.arrayContaining([
        { from: 'fr', to: 'en' },
        { from: 'fr', to: 'es' },
        { from: 'fr', to: 'ca' },
      ]),
    )
    expect(await engine.identity({ from: 'fr', to: 'en' })).toMatchObject({
      engine: 'apertium',
      model: 'fr-es+spa-eng,fra-cat+cat-eng',
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
    })
    expect((await engine.identity({ from: 'fr', to: 'es' })).model).toBe('fr-es')
    await engine.close()
  })

  it('translates the sample into English sentence by sentence, with no unknown-word marks', async () => {
    const engine = createApertiumEngine()
    const { paragraphs } = parsePlainText(await readFile(SEED_PATH, 'utf8'))
    const sentences = paragraphs.flatMap(splitSentences)
    const english = await engineTranslations(engine, sentences)
    expect(english).toHaveLength(sentences.length)
    expect(english.every((sentence) => sentence.length > 0)).toBe(true)
    expect(english.join(' ')).toMatch(/China/)
    expect(english.join(' ')).toMatch(/Kazakhstan/)
    expect(english.join(' ')).not.toMatch(/(^|\s)[*#@]/)
    await engine.close()
  })

  it('serves concurrent translations from its long-lived processes', async () => {
    const engine = createApertiumEngine()
    const results = await Promise.all(
      ['Bonjour.', 'Le chat dort.', 'Il pleut à Paris.'].map((s, i) => engineTranslations(engine, [s], i === 1 ? 'es' : 'en')),
    )
    expect(results.map((r) => r[0])).toEqual([
      expect.stringMatching(/^Good/),
      expect.stringMatching(/gato/),
      expect.stringMatching(/^It rains/),
    ])
    await engine.close()
  })

  it('leaves no process behind when closed while it warms up or translates', async () => {
    const engine = createApertiumEngine()
    const warming = engine.warm!({ from: 'fr', to: 'en' })
    const translating = engineTranslations(engine, ['Bonjour.', 'Il pleut.']).catch(() => null)
    await engine.close() // before `apertium -l` has even answered
    await Promise.all([warming.catch(() => null), translating])
    // Killed programs end when the machine gets to them: wait for the outcome, as long as a chain may take to start.
    await expect.poll(() => childProcesses(), { timeout: STARTUP_TIMEOUT_MS }).toEqual([])
  })

  it('stops between batches when aborted', async () => {
    const engine = createApertiumEngine()
    const controller = new AbortController()
    const sentences = Array.from({ length: 400 }, (_, i) => `Ceci est la phrase numéro ${i} du test.`)
    const seen: number[] = []
    const run = (async () => {
      for await (const { index } of engine.translate(sentences, { from: 'fr', to: 'en' }, controller.signal)) {
        seen.push(index)
        controller.abort()
      }
    })()
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen.length).toBeLessThan(sentences.length)
    await engine.close()
  })
})

describe('Apertium engine without Apertium', () => {
  it('says it is not installed, with the command that installs it, and refuses to translate', async () => {
    const engine = createEngine({ command: '/nonexistent/apertium' })
    expect(await engine.status()).toMatchObject({
      state: 'not_installed',
      fix: { messageCode: 'apertium_not_installed', params: { command: expect.stringContaining('apt-get install apertium') } },
    })
    await expect(engineTranslations(engine, ['Bonjour.'])).rejects.toMatchObject({ code: 'engine_unavailable' })
  })
})
