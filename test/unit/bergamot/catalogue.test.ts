import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { ApiError } from '../../../main/api/errors'
import {
  DEFAULT_CATALOGUE_URLS,
  loadCatalogue,
  loadFirstCatalogue,
  parseCatalogue,
  parsePairKey,
} from '../../../main/core/translation/bergamot/catalogue'
import { createModelManager } from '../../../main/core/translation/bergamot/model-manager'
import { randomModelFiles, registryEntry, sha256 } from '../../support/bergamot-fixtures'
import { useLoopbackServer } from '../../support/bergamot-loopback-server'
import { useTempDirs } from '../../support/temp-dir'

const BASE = 'http://127.0.0.1:9/models/registry.json'
const HASH = 'a'.repeat(64)
const file = (name: string, extra: Record<string, unknown> = {}) => ({ name, size: 10, expectedSha256Hash: HASH, ...extra })

describe('Bergamot model catalogue', () => {
  const tempDir = useTempDirs()
  const startServer = useLoopbackServer()

  it('reads the Firefox Translations registry format: pairs, roles, sizes, hashes and where each file lives', () => {
    const files = randomModelFiles('fren')
    const [model] = parseCatalogue({ fren: registryEntry(files) }, BASE)

    expect(model).toMatchObject({ name: 'fren', from: 'fr', to: 'en', version: `sha256:${sha256(files.model.body).slice(0, 16)}` })
    expect(model!.files.map((f) => [f.role, f.name, f.size, f.sha256, f.compression])).toEqual([
      ['model', files.model.name, files.model.body.length, sha256(files.model.body), 'none'],
      ['lex', files.lex.name, files.lex.body.length, sha256(files.lex.body), 'none'],
      ['vocab', files.vocab.name, files.vocab.body.length, sha256(files.vocab.body), 'none'],
    ])
    expect(model!.files[0]!.url).toBe(`http://127.0.0.1:9/models/fren/${files.model.name}`)
  })

  it("reads Firefox Translations' last registry (0.3.4): files beside it, travelling compressed by about a quarter", () => {
    // The "fren" entry of registry.json in mozilla/firefox-translations-models at tag 0.3.4, as modelRegistry.js lists it.
    const fren = {
      model: {
        name: 'model.fren.intgemm.alphas.bin',
        size: 17140961,
        estimatedCompressedSize: 12641501,
        expectedSha256Hash: '185f76d24c2d400fe4ea0cb2487df77722641b97a3ef10633872e8a7fdf40e09',
        modelType: 'prod',
      },
      lex: {
        name: 'lex.50.50.fren.s2t.bin',
        size: 8818768,
        estimatedCompressedSize: 4761904,
        expectedSha256Hash: '3148abf21ea98a4d69d0e4504e0d68a6c060204a9b9a39b76855aee1d5b2c8ea',
        modelType: 'prod',
      },
      vocab: {
        name: 'vocab.fren.spm',
        size: 831382,
        estimatedCompressedSize: 419721,
        expectedSha256Hash: '4c84b95b62c930f0791466d73eb996841eef474c96d0c2f0e6c6d80640f2005a',
        modelType: 'prod',
      },
    }
    expect(DEFAULT_CATALOGUE_URLS[0]).toBe('https://storage.googleapis.com/bergamot-models-sandbox/0.3.4/registry.json')
    const [model] = parseCatalogue({ fren }, DEFAULT_CATALOGUE_URLS[0])
    expect(model!.files.map((f) => [f.name, f.url, f.size, f.transferSize, f.compression])).toEqual([
      [
        'model.fren.intgemm.alphas.bin',
        'https://storage.googleapis.com/bergamot-models-sandbox/0.3.4/fren/model.fren.intgemm.alphas.bin',
        17140961,
        12641501,
        'none',
      ],
      [
        'lex.50.50.fren.s2t.bin',
        'https://storage.googleapis.com/bergamot-models-sandbox/0.3.4/fren/lex.50.50.fren.s2t.bin',
        8818768,
        4761904,
        'none',
      ],
      ['vocab.fren.spm', 'https://storage.googleapis.com/bergamot-models-sandbox/0.3.4/fren/vocab.fren.spm', 831382, 419721, 'none'],
    ])
  })

  it("reads @browsermt/bergamot-translator's registry, whose names are the files' addresses", () => {
    const [model] = parseCatalogue(
      {
        fren: {
          model: file('https://bergamot.s3.amazonaws.com/models/fren/model.fren.intgemm.alphas.bin'),
          lex: file('https://bergamot.s3.amazonaws.com/models/fren/lex.50.50.fren.s2t.bin'),
          vocab: file('https://bergamot.s3.amazonaws.com/models/fren/vocab.fren.spm.gz'),
        },
      },
      BASE,
    )
    expect(model!.files.map((f) => [f.name, f.url, f.compression])).toEqual([
      ['model.fren.intgemm.alphas.bin', 'https://bergamot.s3.amazonaws.com/models/fren/model.fren.intgemm.alphas.bin', 'none'],
      ['lex.50.50.fren.s2t.bin', 'https://bergamot.s3.amazonaws.com/models/fren/lex.50.50.fren.s2t.bin', 'none'],
      ['vocab.fren.spm', 'https://bergamot.s3.amazonaws.com/models/fren/vocab.fren.spm.gz', 'gz'],
    ])
    expect(() => parseCatalogue({ fren: { model: file('https://cdn.example/m/'), lex: file('l'), vocab: file('v') } }, BASE)).toThrow(
      /fren\.model\.name.*address ending in one/,
    )
  })

  it('accepts separate source and target vocabularies, an optional quality model, and Marian options', () => {
    const [model] = parseCatalogue(
      {
        'fr-uk': {
          model: file('model.bin'),
          lex: file('lex.s2t.bin'),
          srcvocab: file('srcvocab.spm'),
          trgvocab: file('trgvocab.spm'),
          qualityModel: file('qualityModel.bin'),
          config: { 'gemm-precision': 'int8shiftAll' },
        },
      },
      BASE,
    )
    expect(model).toMatchObject({ name: 'fr-uk', from: 'fr', to: 'uk', config: { 'gemm-precision': 'int8shiftAll' } })
    expect(model!.files.map((f) => f.role)).toEqual(['model', 'lex', 'srcvocab', 'trgvocab', 'qualityModel'])
  })

  it('knows compressed files by their name, their url or a compression field, and names them unpacked', () => {
    const [model] = parseCatalogue(
      {
        fren: {
          model: file('model.fren.bin.gz', { estimatedCompressedSize: 4 }),
          lex: file('lex.fren.s2t.bin', { compression: 'zst' }),
          vocab: file('vocab.fren.spm', { url: 'https://cdn.example/v/vocab.fren.spm.zst' }),
        },
      },
      BASE,
    )
    const [modelFile, lex, vocab] = model!.files
    expect(modelFile).toMatchObject({
      name: 'model.fren.bin',
      compression: 'gz',
      transferSize: 4,
      url: 'http://127.0.0.1:9/models/fren/model.fren.bin.gz',
    })
    expect(lex).toMatchObject({ name: 'lex.fren.s2t.bin', compression: 'zst', url: 'http://127.0.0.1:9/models/fren/lex.fren.s2t.bin.zst' })
    expect(vocab).toMatchObject({ name: 'vocab.fren.spm', compression: 'zst', url: 'https://cdn.example/v/vocab.fren.spm.zst' })
  })

  it('refuses a registry that misses a part, has a malformed hash, or a key that is not a pair', () => {
    const noVocab = () => parseCatalogue({ fren: { model: file('m.bin'), lex: file('l.bin') } }, BASE)
    expect(noVocab).toThrow(/vocab/)
    expect(noVocab).toThrow(ApiError)
    expect(() =>
      parseCatalogue({ fren: { model: file('m.bin', { expectedSha256Hash: 'xyz' }), lex: file('l'), vocab: file('v') } }, BASE),
    ).toThrow(/fren\.model\.expectedSha256Hash/)
    expect(() => parseCatalogue({ french: { model: file('m'), lex: file('l'), vocab: file('v') } }, BASE)).toThrow(/"french"/)
    expect(() => parseCatalogue({ fren: { model: file('../m'), lex: file('l'), vocab: file('v') } }, BASE)).toThrow(/plain file name/)
  })

  it('splits pair keys as Firefox does', () => {
    expect(parsePairKey('fren')).toEqual({ from: 'fr', to: 'en' })
    expect(parsePairKey('fra-eng')).toEqual({ from: 'fra', to: 'eng' })
    expect(parsePairKey('fraen')).toBeNull()
  })

  it('loads a catalogue over HTTP, resolving files against its address', async () => {
    const server = await startServer()
    server.files.set('/v1/registry.json', { body: Buffer.from(JSON.stringify({ fren: registryEntry(randomModelFiles()) })) })
    const models = await loadCatalogue(`${server.baseUrl}v1/registry.json`)
    expect(models.map((m) => m.name)).toEqual(['fren'])
    expect(models[0]!.files[0]!.url).toBe(`${server.baseUrl}v1/fren/model.fren.intgemm.alphas.bin`)
  })

  it('loads a catalogue from a file with a base URL, and says what is wrong with one it cannot use', async () => {
    const dir = await tempDir()
    const path = join(dir, 'registry.json')
    await writeFile(path, JSON.stringify({ fren: registryEntry(randomModelFiles()) }))
    const [model] = await loadCatalogue(path, { baseUrl: 'http://127.0.0.1:9/m/' })
    expect(model!.files[2]!.url).toBe('http://127.0.0.1:9/m/fren/vocab.fren.spm')

    await expect(loadCatalogue(path)).rejects.toThrow(/no usable address/)
    await writeFile(path, '{ not json')
    await expect(loadCatalogue(path)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not JSON/) })
    await expect(loadCatalogue(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'not_found' })
  })

  it('turns an HTTP error into an error a user can act on', async () => {
    const server = await startServer()
    await expect(loadCatalogue(`${server.baseUrl}registry.json`)).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/answered 404/),
    })
  })

  it('falls back on the next catalogue when one is unreachable, answers an error, or is unreadable, and says which answered', async () => {
    const server = await startServer()
    const registry = Buffer.from(JSON.stringify({ fren: registryEntry(randomModelFiles()) }))
    server.files.set('/second/registry.json', { body: registry })
    server.files.set('/garbled.json', { body: Buffer.from('<html>Moved</html>') })
    server.files.set('/not-a-registry.json', { body: Buffer.from('{"fren": 1}') })
    const second = `${server.baseUrl}second/registry.json`

    for (const first of [
      'http://127.0.0.1:9/registry.json',
      `${server.baseUrl}gone.json`,
      `${server.baseUrl}garbled.json`,
      `${server.baseUrl}not-a-registry.json`,
    ]) {
      const loaded = await loadFirstCatalogue([first, second])
      expect(loaded.source).toBe(second)
      expect(loaded.models[0]!.files[0]!.url).toBe(`${server.baseUrl}second/fren/model.fren.intgemm.alphas.bin`)
    }
    expect((await loadFirstCatalogue([second, `${server.baseUrl}gone.json`])).source).toBe(second)
  })

  it('names each catalogue that failed when none answers', async () => {
    const server = await startServer()
    await expect(loadFirstCatalogue(['http://127.0.0.1:9/registry.json', `${server.baseUrl}gone.json`])).rejects.toMatchObject({
      code: 'engine_unavailable',
      message: expect.stringMatching(/Could not reach .*127\.0\.0\.1:9\/registry\.json.*failed too.*gone\.json answered 404/),
    })
  })

  it('is what the model manager lists as available, with the catalogue that answered', async () => {
    const server = await startServer()
    server.files.set('/registry.json', {
      body: Buffer.from(JSON.stringify({ enfr: registryEntry(randomModelFiles('enfr')), fren: registryEntry(randomModelFiles()) })),
    })
    const live = `${server.baseUrl}registry.json`
    const manager = createModelManager({ modelsDir: await tempDir(), catalogues: [`${server.baseUrl}gone.json`, live] })
    const { source, models } = await manager.catalogue()
    expect(source).toBe(live)
    expect(models.map((m) => `${m.from}→${m.to}`)).toEqual(['en→fr', 'fr→en'])
  })
})
