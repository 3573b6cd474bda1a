import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { randomModelFiles, registryEntry } from '../support/bergamot-fixtures'
import { useLoopbackServer } from '../support/bergamot-loopback-server'
import { VISAVIS_FROM_SOURCES } from '../support/cli-from-sources'
import { SEED_PATH } from '../support/seed'
import { useTempDirs } from '../support/temp-dir'

const run = promisify(execFile)

async function visavis(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [VISAVIS_FROM_SOURCES, ...args]).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )
}

/** Each CLI run starts from the sources (about 2 s on a loaded 2-core machine), several per test. */
const CLI_TEST_TIMEOUT_MS = 120_000

describe('visavis models, through the CLI run from its sources and a loopback catalogue', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const tempDir = useTempDirs()
  const startServer = useLoopbackServer()

  it('lists the catalogue, downloads with progress, lists, serves the engine, and deletes', async () => {
    const files = randomModelFiles()
    const server = await startServer()
    server.files.set('/registry.json', { body: Buffer.from(JSON.stringify({ fren: registryEntry(files) })) })
    for (const file of Object.values(files)) server.files.set(`/fren/${file.name}`, { body: file.body })
    const common = ['--user-data', await tempDir()]
    const fromTheCatalogue = [...common, '--catalogue', `${server.baseUrl}registry.json`]

    const catalogue = JSON.parse((await visavis(['models', 'catalogue', '--json', ...fromTheCatalogue])).stdout)
    expect(catalogue).toEqual([expect.objectContaining({ name: 'fren', from: 'fr', to: 'en', installed: false })])

    const download = await visavis(['models', 'download', 'fren', ...fromTheCatalogue])
    expect(download.code).toBe(0)
    expect(download.stderr).toMatch(/Downloading fren: 100 %/)
    expect(download.stdout).toMatch(/^Installed fren \(fr→en/)

    const listed = JSON.parse((await visavis(['models', 'list', '--json', ...common])).stdout)
    expect(listed).toEqual([expect.objectContaining({ name: 'fren', from: 'fr', to: 'en', version: expect.stringMatching(/^sha256:/) })])
    expect((await visavis(['engines', ...common])).stdout).toMatch(/^bergamot\s+ready; from French into en/m)

    // The files are random bytes, not a model: the real WASM engine, started by the built CLI, must say so.
    const { article } = JSON.parse((await visavis(['import', SEED_PATH, '--json', ...common])).stdout)
    const translated = await visavis(['translate', article.id, '--engine', 'bergamot', ...common])
    expect(translated.code).toBe(1)
    expect(translated.stderr).toMatch(/Bergamot could not load the model fren/)

    expect((await visavis(['models', 'delete', 'fren', ...common])).code).toBe(0)
    expect(JSON.parse((await visavis(['models', 'list', '--json', ...common])).stdout)).toEqual([])
  })

  it('refuses a model that is not in the catalogue, and a catalogue that cannot be reached, with one line each', async () => {
    const server = await startServer()
    server.files.set('/registry.json', { body: Buffer.from('{}') })
    const userData = await tempDir()
    const missing = await visavis(['models', 'download', 'xxyy', '--user-data', userData, '--catalogue', `${server.baseUrl}registry.json`])
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    const offline = await visavis(['models', 'catalogue', '--user-data', userData, '--catalogue', 'http://127.0.0.1:9/registry.json'])
    expect(offline).toMatchObject({ code: 1, stderr: expect.stringMatching(/^visavis: Could not reach the model catalogue/) })
  })
})
