/**
 * A small seeded generator of hostile and malformed API payloads for the contract fuzz test (no fast-check here):
 * every draw comes from one PRNG, so a seed replays the same sequence of payloads.
 */
import { annotationColors, annotationKinds, engineIds, exportFormats, type MethodName } from '../../main/api/contract'

/** sfc32 seeded through splitmix32: fast, good enough, and the same on every platform. */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(readonly seed: number) {
    let s = seed >>> 0
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    ;[this.a, this.b, this.c, this.d] = [split(), split(), split(), split()]
    for (let i = 0; i < 12; i++) this.next()
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  /** One of the choices, by weight. */
  oneOf<T>(choices: [weight: number, make: () => T][]): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [weight, make] of choices) {
      roll -= weight
      if (roll < 0) return make()
    }
    return choices[choices.length - 1]![1]()
  }
}

/** What the fuzz knows of the library, so a share of payloads name things that exist. */
export interface FuzzWorld {
  articleIds: string[]
  /** Paragraph ids that exist in some article (p1 … pN). */
  paragraphIds: string[]
  annotationIds: string[]
  jobIds: string[]
  /** A folder for `importModels` paths: payloads never name a real folder outside it. */
  scratchDir: string
}

// ── Files of the wrong shape ────────────────────────────────────────────────────────────────────────────────

/** Valid JSON that is no library index: each made every command fail before the files were checked on read. */
export const WRONG_SHAPE_INDEXES: [what: string, json: string][] = [
  ['no articles', '{"schemaVersion":1}'],
  ['articles an object', '{"schemaVersion":1,"articles":{},"trash":[]}'],
  ['articles null', '{"schemaVersion":1,"articles":null,"trash":[]}'],
  ['articles a string', '{"schemaVersion":1,"articles":"x","trash":[]}'],
  ['an article null', '{"schemaVersion":1,"articles":[null],"trash":[]}'],
  ['trash a string', '{"schemaVersion":1,"articles":[],"trash":"x"}'],
  ['an array', '[]'],
  ['a number', '42'],
  ['a __proto__ key', '{"schemaVersion":1,"__proto__":{"articles":[]},"articles":[{"__proto__":{"id":"x"}}],"trash":[]}'],
]

/**
 * A file of the library (or the settings) written over with valid JSON of the wrong shape, as a sync tool or another
 * program might while the app runs. Article texts are left alone: one set aside leaves its article unreadable.
 */
export function wrongShapeFile(r: Random, world: FuzzWorld, libraryDir: string, userDataDir: string): { path: string; json: string } {
  const article = world.articleIds.length > 0 ? r.pick(world.articleIds) : '0000000000000000'
  return r.pick([
    () => ({ path: `${libraryDir}/library.json`, json: r.pick(WRONG_SHAPE_INDEXES)[1] }),
    () => ({
      path: `${libraryDir}/articles/${article}/annotations.json`,
      json: r.pick(['{"schemaVersion":1,"annotations":[{"id":7}]}', 'null', '[]']),
    }),
    () => ({ path: `${libraryDir}/glossary.json`, json: r.pick(['{"schemaVersion":1,"entries":"x"}', '{}', '"text"']) }),
    () => ({ path: `${libraryDir}/search-index.json`, json: r.pick(['{"formatVersion":1,"index":7}', '[]']) }),
    () => ({ path: `${userDataDir}/settings.json`, json: r.pick(['{"theme":7,"reading":[]}', '[]', 'null']) }),
  ])()
}

// ── Scalars ─────────────────────────────────────────────────────────────────────────────────────────────────

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', 'valueOf']

const LIMIT_NUMBERS = [
  0,
  1,
  -1,
  0.5,
  -0.5,
  2,
  200,
  201,
  1e21,
  -1e21,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  1e308,
  1e-308,
  999999,
  1000000,
  10_000,
  10_001,
  1.0000001,
]

const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '/etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  'C:\\',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror=alert(1)>',
  '"; DROP TABLE articles; --',
  '${7*7}{{7*7}}',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u2066evil',
  '\ufeff',
  'Ω≈ç√∫˜µ≤≥÷',
  'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ',
  '𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301',
  '0123456789abcdef',
  '0123456789ABCDEF',
  'p0',
  'p1',
  'p0000001',
  'p-1',
  'fren',
  'en',
  'EN',
  'auto',
  '00000000-0000-0000-0000-000000000000',
  '------------------------------------',
]

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789abcdef',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.',
  'éèêàçùôîœæÉÀ«»’ ',
  '<>&"\'/\\=;:%{}[]()!?*#@$^`|~',
  ' \t\r\n\u00a0\u2028\u2029\u200b',
  '\u0000\u0001\u0007\u001b\u007f\u0085',
  '中文字符日本語한국어العربيةעברית',
]

export function randomString(r: Random, maxLength = 40): string {
  return r.oneOf<string>([
    [4, () => r.pick(NASTY_STRINGS)],
    [5, () => fromAlphabet(r, r.pick(ALPHABETS), r.int(0, maxLength))],
    [1, () => fromAlphabet(r, ALPHABETS.join(''), r.int(0, maxLength))],
    [1, () => String.fromCodePoint(...Array.from({ length: r.int(1, 12) }, () => r.int(0, 0x10ffff)).filter(isScalar))],
    [1, () => hexId(r, r.pick([15, 16, 17, 32, 36]))],
  ])
}

function isScalar(codePoint: number): boolean {
  return codePoint < 0xd800 || codePoint > 0xdfff
}

function fromAlphabet(r: Random, alphabet: string, length: number): string {
  const chars = [...alphabet]
  let out = ''
  for (let i = 0; i < length; i++) out += r.pick(chars)
  return out
}

function hexId(r: Random, length: number): string {
  return fromAlphabet(r, '0123456789abcdef', length)
}

/** Strings from 100 KB to a few MB: repetitive (cheap for the core) or random. */
export function hugeString(r: Random): string {
  const size = r.pick([100_000, 500_000, 1_000_000, 3_000_000])
  return r.oneOf<string>([
    [3, () => repeatTo(r.pick(['a', 'é', '0', ' ', '\n', 'Le chat dort. ', '%', '\\', '"']), size)],
    [1, () => fromAlphabet(r, r.pick(ALPHABETS), Math.min(size, 300_000))],
  ])
}

function repeatTo(pattern: string, length: number): string {
  return pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length)
}

export function randomNumber(r: Random): number {
  return r.oneOf<number>([
    [3, () => r.pick(LIMIT_NUMBERS)],
    [2, () => r.int(-1000, 1000)],
    [1, () => (r.next() - 0.5) * 10 ** r.int(0, 300)],
  ])
}

// ── Structures ──────────────────────────────────────────────────────────────────────────────────────────────

/** An own, enumerable property even for `__proto__` (a literal `{ __proto__: … }` would set the prototype). */
export function withKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  return target
}

function pollutionObject(r: Random): Record<string, unknown> {
  const key = r.pick(POLLUTION_KEYS)
  const inner = r.chance(0.5) ? { polluted: 'yes', isAdmin: true } : withKey({}, 'prototype', { polluted: 'yes' })
  return withKey({}, key, inner)
}

/** A JSON value: what can come over HTTP. */
export function randomJson(r: Random, depth = 3): unknown {
  const leaf = (): unknown =>
    r.oneOf<unknown>([
      [3, () => randomString(r)],
      [3, () => randomNumber(r)],
      [1, () => r.chance(0.5)],
      [1, () => null],
    ])
  if (depth <= 0) return leaf()
  return r.oneOf<unknown>([
    [4, leaf],
    [2, () => Array.from({ length: r.int(0, 5) }, () => randomJson(r, depth - 1))],
    [3, () => randomObject(r, depth - 1)],
    [1, () => pollutionObject(r)],
    [0.2, () => deepNesting(r)],
  ])
}

function randomObject(r: Random, depth: number): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (let i = r.int(0, 5); i > 0; i--) {
    const key = r.chance(0.2) ? r.pick(POLLUTION_KEYS) : r.chance(0.5) ? r.pick(FIELD_NAMES) : randomString(r, 12)
    withKey(object, key, randomJson(r, depth))
  }
  return object
}

function deepNesting(r: Random): unknown {
  let value: unknown = randomString(r, 5)
  for (let i = r.int(50, 400); i > 0; i--) value = r.chance(0.5) ? [value] : { a: value }
  return value
}

/** Values only an in-process caller could pass: what the direct dispatcher fuzz adds to JSON values. */
export function randomInProcessValue(r: Random): unknown {
  return r.oneOf<unknown>([
    [1, () => undefined],
    [1, () => NaN],
    [1, () => r.pick([Infinity, -Infinity, -0])],
    [1, () => BigInt(r.int(-5, 5)) * 10n ** 30n],
    [1, () => Symbol('fuzz')],
    [1, () => () => 'a function'],
    [1, () => new Date(r.pick([0, NaN, 8.64e15]))],
    [1, () => /re(g)ex/giu],
    [1, () => new Map<unknown, unknown>([['id', '0123456789abcdef']])],
    [1, () => new Set(['a', 'b'])],
    [1, () => new Uint8Array(r.int(0, 16))],
    [1, () => new ArrayBuffer(8)],
    [1, () => new Error('an error as an argument')],
    [1, () => Object.assign(Object.create(null) as object, { id: '0123456789abcdef' })],
    [1, () => Object.freeze({ text: 'gelé' })],
    [1, () => new String('boxed')],
    [1, () => cyclic()],
    [1, () => sparseArray(r)],
    [1, () => Object.assign([1, 2], { extra: 'on an array' })],
    [
      1,
      () =>
        new (class Article {
          id = '0123456789abcdef'
        })(),
    ],
  ])
}

function cyclic(): unknown {
  const a: Record<string, unknown> = { text: 'cycle' }
  a.self = a
  a.tags = [a]
  return a
}

function sparseArray(r: Random): unknown[] {
  const array: unknown[] = []
  array[r.int(1, 1000)] = 'far'
  return array
}

// ── Argument shapes per method ──────────────────────────────────────────────────────────────────────────────

const FIELD_NAMES = [
  'id',
  'text',
  'query',
  'limit',
  'sourceName',
  'fileName',
  'base64',
  'files',
  'url',
  'tags',
  'paragraphId',
  'progress',
  'patch',
  'to',
  'engine',
  'visibleParagraphIds',
  'jobId',
  'paragraphIds',
  'articleId',
  'kind',
  'side',
  'start',
  'end',
  'quote',
  'color',
  'note',
  'tag',
  'format',
  'name',
  'path',
  'sentenceIndex',
]

const FRENCH = [
  'Le président a rencontré son homologue à Paris.',
  'La pluie tombera demain sur la Bretagne, puis le soleil reviendra.',
  'Les élèves ont appris la géographie de l’Europe.',
  'Il a dit « bonjour » et il est parti.',
  'Un chat noir dort sur le canapé du salon.',
]

/**
 * An article's text. Most bodies come from a small pool, so many imports are duplicates and the library stays small
 * enough for 10,000 calls to run in well under a minute; some carry random text, and the title is free.
 */
function frenchText(r: Random): string {
  const paragraphs = Array.from({ length: r.int(1, 3) }, () => {
    const sentences = r.chance(0.7) ? [r.pick(FRENCH)] : [r.pick(FRENCH), r.pick(FRENCH)]
    return r.chance(0.2) ? `${sentences.join(' ')} ${randomString(r, 20)}` : sentences.join(' ')
  })
  return [r.chance(0.7) ? `Titre ${randomString(r, 20)}` : '', ...paragraphs].join('\n\n')
}

function fileBody(r: Random, fileName: string): Buffer {
  const text = frenchText(r)
  return r.oneOf<Buffer>([
    [4, () => Buffer.from(/\.html?$/.test(fileName) ? htmlPage(text) : text)],
    [1, () => Buffer.from(Array.from({ length: r.int(0, 64) }, () => r.int(0, 255)))],
    [1, () => Buffer.alloc(0)],
    [1, () => Buffer.from(`\ufeff${text}`, 'utf16le')],
    // Nesting deep enough to freeze Readability or overflow its stack (finding 5 of issue 15).
    [1, () => Buffer.from(nestedPage(text, r.int(300, 5000)))],
  ])
}

function nestedPage(text: string, depth: number): string {
  return `<html><body>${'<div>'.repeat(depth)}${htmlPage(text)}${'</div>'.repeat(depth)}</body></html>`
}

function htmlPage(text: string): string {
  const body = text
    .split('\n\n')
    .map((p) => `<p>${p.replace(/</g, '&lt;')}</p>`)
    .join('')
  return `<!doctype html><html><head><title>Page</title><script>window.__pwned=1</script></head><body><article>${body}<img src=x onerror="alert(1)"></article></body></html>`
}

const some = <T>(r: Random, items: readonly T[], fallback: () => T): T => (items.length > 0 && r.chance(0.8) ? r.pick(items) : fallback())

type Template = (r: Random, world: FuzzWorld) => Record<string, unknown>

/** Arguments that plausibly pass the contract, so a share of the fuzz reaches the core. */
const TEMPLATES: Partial<Record<MethodName, Template>> = {
  listArticles: () => ({}),
  getArticle: (r, w) => ({ id: articleId(r, w) }),
  search: (r) =>
    optional(
      r,
      { query: r.chance(0.5) ? r.pick(['chat', 'président', 'pluie', 'é', '*', '"', 'OR', 'a b c']) : randomString(r) },
      { limit: () => r.int(1, 200) },
    ),
  importText: (r) => optional(r, { text: frenchText(r) }, { sourceName: () => r.pick(['coller', 'a.txt', '../x', randomString(r)]) }),
  importFile: (r) => {
    const fileName = r.pick([
      'article.txt',
      'notes.md',
      'page.html',
      'page.htm',
      'page.xhtml',
      'image.png',
      '../../evil.txt',
      'noext',
      'C:\\a.txt',
    ])
    return { fileName, base64: fileBody(r, fileName).toString('base64') }
  },
  importFiles: (r) => ({
    files: Array.from({ length: r.int(1, 3) }, () => {
      const fileName = r.pick(['a.txt', 'b.md', 'c.html', 'd.pdf'])
      return { fileName, base64: fileBody(r, fileName).toString('base64') }
    }),
  }),
  importUrl: (r) => ({
    url: r.pick([
      'https://news.example/article',
      'http://news.example/fail',
      'https://news.example/text',
      'ftp://news.example/x',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://[::1',
      randomString(r),
    ]),
  }),
  deleteArticle: (r, w) => ({ id: articleId(r, w) }),
  restoreArticle: (r, w) => ({ id: articleId(r, w) }),
  setTags: (r, w) => ({ id: articleId(r, w), tags: Array.from({ length: r.int(0, 4) }, () => randomString(r, 20)) }),
  setReadingPosition: (r, w) => ({
    id: articleId(r, w),
    paragraphId: paragraphId(r, w),
    progress: r.chance(0.8) ? r.next() : randomNumber(r),
  }),
  setArticleEngine: (r, w) => ({ id: articleId(r, w), engine: r.chance(0.8) ? r.pick(engineIds) : randomString(r) }),
  getAppInfo: () => ({}),
  getSettings: () => ({}),
  updateSettings: (r) => ({ patch: settingsPatch(r) }),
  listEngines: () => ({}),
  translateArticle: (r, w) =>
    optional(
      r,
      { id: articleId(r, w) },
      {
        to: () => r.pick(['en', 'de', 'fr', 'xyz']),
        engine: () => r.pick(engineIds),
        visibleParagraphIds: () => Array.from({ length: r.int(0, 4) }, () => paragraphId(r, w)),
      },
    ),
  setVisibleParagraphs: (r, w) => ({ jobId: jobId(r, w), paragraphIds: Array.from({ length: r.int(0, 4) }, () => paragraphId(r, w)) }),
  cancelTranslation: (r, w) => ({ jobId: jobId(r, w) }),
  getTranslation: (r, w) => optional(r, { id: articleId(r, w) }, { to: () => r.pick(['en', 'de']), engine: () => r.pick(engineIds) }),
  addAnnotation: (r, w) =>
    optional(
      r,
      { articleId: articleId(r, w), kind: r.pick(annotationKinds), paragraphId: paragraphId(r, w) },
      {
        side: () => r.pick(['original', 'translation']),
        start: () => r.int(0, 60),
        end: () => r.int(0, 80),
        quote: () => r.pick(['chat', 'Le président', 'pluie', randomString(r, 10) || 'x']),
        color: () => r.pick(annotationColors),
        note: () => randomString(r, 100),
        tags: () => [randomString(r, 10) || 'tag'],
      },
    ),
  updateAnnotation: (r, w) =>
    optional(
      r,
      { articleId: articleId(r, w), id: annotationId(r, w) },
      { note: () => randomString(r, 100), color: () => (r.chance(0.3) ? null : r.pick(annotationColors)), tags: () => ['à revoir'] },
    ),
  deleteAnnotation: (r, w) => ({ articleId: articleId(r, w), id: annotationId(r, w) }),
  restoreAnnotation: (r, w) => ({ articleId: articleId(r, w), id: annotationId(r, w) }),
  listAnnotations: (r, w) => ({ articleId: articleId(r, w) }),
  searchAnnotations: (r, w) =>
    optional(
      r,
      {},
      {
        query: () => r.pick(['chat', '', randomString(r)]),
        articleId: () => articleId(r, w),
        tag: () => 'à revoir',
        color: () => r.pick(annotationColors),
        kind: () => r.pick(annotationKinds),
      },
    ),
  exportAnnotations: (r, w) => optional(r, { format: r.pick(exportFormats) }, { articleId: () => articleId(r, w) }),
  listModels: () => ({}),
  modelCatalogue: () => ({}),
  downloadModel: (r) => ({ name: modelName(r) }),
  cancelModelDownload: (r) => ({ name: modelName(r) }),
  importModels: (r, w) => ({
    path: r.oneOf<string>([
      [3, () => w.scratchDir],
      [1, () => `${w.scratchDir}/bomb.tar.zst`],
      [1, () => `${w.scratchDir}/bomb-model`],
      [5, () => `${w.scratchDir}/${randomString(r, 30).replace(/\.\./g, '__')}`],
    ]),
  }),
  deleteModel: (r) => ({ name: modelName(r) }),
  retranslate: (r, w) =>
    optional(
      r,
      { id: articleId(r, w), paragraphId: paragraphId(r, w) },
      { sentenceIndex: () => r.int(0, 5), to: () => r.pick(['en', 'de']), engine: () => r.pick(engineIds) },
    ),
}

/** Whether the fuzz knows the method's arguments (else it sends random values only). */
export function hasTemplate(method: string): boolean {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, method)
}

function optional(r: Random, required: Record<string, unknown>, optionals: Record<string, () => unknown>): Record<string, unknown> {
  const args = { ...required }
  for (const [key, make] of Object.entries(optionals)) if (r.chance(0.5)) args[key] = make()
  return args
}

function articleId(r: Random, w: FuzzWorld): string {
  return some(r, w.articleIds, () => (r.chance(0.7) ? hexId(r, 16) : randomString(r, 20)))
}

function paragraphId(r: Random, w: FuzzWorld): string {
  return some(r, w.paragraphIds, () => r.pick(['p0', 'p999999', `p${r.int(1, 50)}`]))
}

function annotationId(r: Random, w: FuzzWorld): string {
  return some(r, w.annotationIds, () => `${hexId(r, 8)}-${hexId(r, 4)}-${hexId(r, 4)}-${hexId(r, 4)}-${hexId(r, 12)}`)
}

function jobId(r: Random, w: FuzzWorld): string {
  return some(r, w.jobIds, () => randomString(r, 64) || 'job')
}

function modelName(r: Random): string {
  return r.pick(['fren', 'enfr', 'zzzz', 'fr-en', 'a', `m${hexId(r, 10)}`])
}

function settingsPatch(r: Random): Record<string, unknown> {
  return optional(
    r,
    {},
    {
      uiLanguage: () => r.pick(['system', 'en', 'fr', 'zh-CN']),
      targetLanguage: () => r.pick(['en', 'de']),
      engine: () => r.pick(['auto', ...engineIds]),
      theme: () => r.pick(['system', 'light', 'dark', 'sepia']),
      libreTranslate: () =>
        optional(r, {}, { url: () => r.pick(['', 'http://127.0.0.1:9/', 'javascript:1']), apiKey: () => randomString(r) }),
      reading: () =>
        optional(
          r,
          {},
          {
            fontSize: () => r.int(10, 34),
            lineHeight: () => 1 + r.next() * 2,
            columnWidth: () => r.int(20, 110),
            layout: () => r.pick(['side-by-side', 'interleaved', 'original', 'translation', 'sideways']),
            swapSides: () => r.chance(0.5),
            fontFamily: () => r.pick(['serif', 'sans', 'comic']),
          },
        ),
    },
  )
}

/** Plausible arguments broken in one or a few ways: a key dropped, added, retyped, or polluted. */
function mutate(r: Random, args: Record<string, unknown>, value: () => unknown): unknown {
  const out: Record<string, unknown> = { ...args }
  for (let i = r.int(1, 3); i > 0; i--) {
    const keys = Object.keys(out)
    r.oneOf<void>([
      [2, () => keys.length > 0 && delete out[r.pick(keys)]],
      [2, () => withKey(out, r.chance(0.5) ? r.pick(FIELD_NAMES) : randomString(r, 10), value())],
      [4, () => keys.length > 0 && withKey(out, r.pick(keys), value())],
      [1, () => withKey(out, r.pick(POLLUTION_KEYS), { polluted: 'yes' })],
      [
        1,
        () =>
          keys.length > 0 && withKey(out, r.pick(keys), r.pick([hugeStringCached(r), [out[r.pick(keys)]], { value: out[r.pick(keys)] }])),
      ],
    ])
  }
  return r.oneOf<unknown>([
    [12, () => out],
    [1, () => [out]],
    [1, () => safeJson(out) ?? out],
  ])
}

/** The arguments as a JSON string (arguments that should be an object), unless they cannot be (cycles, BigInt). */
function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

let huge: { seed: number; value: string } | undefined
/** Huge strings are costly to build: one per seed, reused by mutations. */
function hugeStringCached(r: Random): string {
  if (huge?.seed !== r.seed) huge = { seed: r.seed, value: 'x'.repeat(2_000_000) }
  return huge.value
}

/** The arguments of one fuzz call: valid-looking, mutated, or anything at all. */
export function payloadFor(method: string, r: Random, world: FuzzWorld, inProcess = false): unknown {
  const template = hasTemplate(method) ? TEMPLATES[method as MethodName] : undefined
  const value = () => (inProcess && r.chance(0.3) ? randomInProcessValue(r) : randomJson(r, 2))
  return r.oneOf<unknown>([
    [template ? 4 : 0, () => template!(r, world)],
    [template ? 4 : 0, () => mutate(r, template!(r, world), value)],
    [2, () => randomJson(r, 3)],
    [inProcess ? 1 : 0, () => randomInProcessValue(r)],
    [0.15, () => ({ [r.pick(FIELD_NAMES)]: hugeString(r) })],
  ])
}

// ── HTTP-only malformations ─────────────────────────────────────────────────────────────────────────────────

/** A body that is not JSON, or not UTF-8 JSON. */
export function invalidJsonBody(r: Random): Buffer {
  return r.oneOf<Buffer>([
    [1, () => Buffer.from('{')],
    [1, () => Buffer.from('{"id": "0123456789abcdef"')],
    [1, () => Buffer.from("{'id': 'single quotes'}")],
    [1, () => Buffer.from('{"a": NaN}')],
    [1, () => Buffer.from('{"a": Infinity}')],
    [1, () => Buffer.from('{"a": undefined}')],
    [1, () => Buffer.from('{"a": 1,}')],
    [1, () => Buffer.from('{} {}')],
    [1, () => Buffer.from('\ufeff{}')],
    [1, () => Buffer.from('id=0123456789abcdef&text=bonjour')],
    [1, () => Buffer.from('--boundary\r\nContent-Disposition: form-data; name="text"\r\n\r\nbonjour\r\n--boundary--')],
    [1, () => Buffer.from('<?xml version="1.0"?><args/>')],
    [1, () => Buffer.from('[' + '['.repeat(r.int(1000, 200_000)))],
    [1, () => Buffer.from('['.repeat(20_000) + ']'.repeat(20_000))],
    [1, () => Buffer.from('{"a":"' + '\\'.repeat(r.int(1, 9)) + '"}')],
    [1, () => Buffer.from('{"\\ud800": "\\u00"}')],
    [1, () => Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
    [1, () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x22, 0x7d])],
    [1, () => Buffer.from(Array.from({ length: r.int(1, 200) }, () => r.int(0, 255)))],
    [1, () => Buffer.from(randomString(r) + '{')],
  ])
}

export function oddContentType(r: Random): string | undefined {
  return r.pick([
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    undefined,
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=boundary',
    'application/json; charset=utf-16',
    'application/xml',
    'application/octet-stream',
    '*/*',
    ';;;',
    'application/json\u00e9',
  ])
}

/** Method names a caller could put after `/api/`, URL-encoded as they travel. */
export function unknownMethodPath(r: Random): string {
  return r.pick([
    'noSuchMethod',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'ListArticles',
    'listarticles',
    'listArticles%00',
    'listArticles%20',
    'listArticles/extra',
    '%2e%2e%2fevents',
    '..%2F..%2Fpackage.json',
    'events',
    '%E0%A4%A',
    '%',
    '%zz',
    '%c0%ae',
    '',
    'a'.repeat(r.int(100, 8000)),
    '%ED%A0%80',
    encodeURIComponent(randomString(r).replace(/[\ud800-\udfff]/g, '?')),
  ])
}
