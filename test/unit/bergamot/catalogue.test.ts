import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../main/api/errors'
import { loadCatalogue, parseCatalogue, parsePairKey } from '../../../main/core/translation/bergamot/catalogue'
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

  it('is what the model manager lists as available', async () => {
    const server = await startServer()
    server.files.set('/registry.json', {
      body: Buffer.from(JSON.stringify({ enfr: registryEntry(randomModelFiles('enfr')), fren: registryEntry(randomModelFiles()) })),
    })
    const manager = createModelManager({ modelsDir: await tempDir(), catalogue: `${server.baseUrl}registry.json` })
    expect((await manager.catalogue()).map((m) => `${m.from}→${m.to}`)).toEqual(['en→fr', 'fr→en'])
  })
})
