import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const execFileAsync = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/visavis.js')
const RECORDER = join(ROOT, 'test/support/record-loaded-modules.mjs')
const PAGE = join(ROOT, 'test/fixtures/structured-page.html')

/**
 * The packages a command loads (node_modules/<name>), the built chunks (out/main/chunks/<name>-<hash>.js, the hash
 * 8 characters that may hold a -) by name, and the text of the built code it loads: the build may put a module in a
 * chunk named after another (or in the entry), so what is loaded is also told by what the code holds.
 */
async function loadedBy(args: string[], dir: string): Promise<{ packages: Set<string>; chunks: Set<string>; code: string }> {
  const record = join(dir, `loaded-${args[0]}.txt`)
  await execFileAsync(process.execPath, ['--import', RECORDER, BIN, ...args], {
    env: { ...process.env, VISAVIS_LOADED_MODULES: record, VISAVIS_USER_DATA: join(dir, 'user-data') },
  })
  const urls = (await readFile(record, 'utf8')).trim().split('\n')
  const matches = (pattern: RegExp) => new Set(urls.flatMap((url) => pattern.exec(url)?.[1] ?? []))
  const built = urls.filter((url) => url.includes('/out/main/'))
  const code = (await Promise.all(built.map((url) => readFile(new URL(url), 'utf8')))).join('\n')
  return { packages: matches(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//), chunks: matches(/\/out\/main\/chunks\/(.+)-[\w-]{8}\.js$/), code }
}

/** A message of the contract's argument schemas: built code holding it holds the schemas. */
const CONTRACT_SCHEMAS = 'a glossary entry needs words on both sides'
/** zod's error class, in whichever chunk the build puts zod. */
const ZOD = 'ZodError'

/** The import pipeline, the engines, the contract's argument schemas and the browser host: none is for reading. */
const NOT_FOR_READING =
  /^(import|importer|html-page|markdown|extraction|translation|bergamot|apertium|configured-engine|models|contract-call|dispatch|server|search-index|annotation)/

describe('the cheap commands stay cheap (built bin, modules recorded as they load)', () => {
  let dir: string
  let library: string
  let id: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'visavis-loaded-'))
    library = join(dir, 'library')
    const { stdout } = await execFileAsync(process.execPath, [BIN, 'import', PAGE, '--library', library, '--json'], {
      env: { ...process.env, VISAVIS_USER_DATA: join(dir, 'user-data') },
    })
    id = JSON.parse(stdout).article.id
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("the contract's schemas are told by their message", async () => {
    expect(await readFile(join(ROOT, 'main/api/contract.ts'), 'utf8')).toContain(CONTRACT_SCHEMAS)
  })

  it('--help loads no chunk of the core, no zod and no package but the terminal sanitiser', async () => {
    const { packages, chunks, code } = await loadedBy(['--help'], dir)
    expect([...packages].sort()).toEqual(['ansi-regex', 'strip-ansi'])
    expect([...chunks]).toEqual(['printable'])
    expect(code).not.toContain(ZOD)
  })

  for (const command of ['list', 'show']) {
    it(`${command} loads the library's index and files, and nothing of importing, translating or the contract's gate`, async () => {
      const { packages, chunks, code } = await loadedBy(
        command === 'list' ? ['list', '--library', library] : ['show', id, '--library', library],
        dir,
      )
      // zod checks the stored files (library.json, article.json) on every read, bundled: not the package's hundred modules.
      expect([...packages].filter((name) => !['ansi-regex', 'strip-ansi', 'lowdb'].includes(name))).toEqual([])
      expect([...chunks].filter((chunk) => NOT_FOR_READING.test(chunk))).toEqual([])
      expect(code).not.toContain(CONTRACT_SCHEMAS)
    })
  }

  it('import loads the import pipeline (the recording sees what it should)', async () => {
    const { packages, chunks, code } = await loadedBy(['import', PAGE, '--library', join(dir, 'fresh')], dir)
    expect(packages).toContain('tinyld')
    expect(chunks).toContain('import-service')
    expect(code).toContain(CONTRACT_SCHEMAS)
  })
})
