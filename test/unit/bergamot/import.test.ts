import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import type { ApiError } from '../../../main/api/errors'
import { createModelManager, type ModelLimits } from '../../../main/core/translation/bergamot/model-manager'
import {
  type ModelFileSet,
  pack,
  paxRecord,
  randomModelFiles,
  sha256,
  tarArchive,
  type TarEntry,
  zstdStoredFrame,
} from '../../support/bergamot-fixtures'
import { useLibraries, useTempDirs } from '../../support/temp-dir'

describe('Bergamot model import', () => {
  const tempDir = useTempDirs()

  async function newManager(limits: Partial<ModelLimits> = {}) {
    return createModelManager({ modelsDir: await tempDir(), limits })
  }

  async function writeModelFolder(dir: string, files: Partial<ModelFileSet>, packing: 'none' | 'gz' | 'zst' = 'none') {
    await mkdir(dir, { recursive: true })
    for (const file of Object.values(files)) {
      await writeFile(join(dir, packing === 'none' ? file.name : `${file.name}.${packing}`), pack(file.body, packing))
    }
  }

  const tarEntries = (folder: string, files: ModelFileSet): TarEntry[] => [
    { name: `${folder}/`, type: '5' },
    ...Object.values(files).map((file) => ({ name: `${folder}/${file.name}`, body: file.body })),
  ]

  /** Nothing left behind in the work folders, and nothing written beside the models folder. */
  async function expectCleanWorkFolders(modelsDir: string) {
    expect(existsSync(join(modelsDir, '.imports')) ? await readdir(join(modelsDir, '.imports')) : []).toEqual([])
  }

  it('imports a folder laid out like the Firefox Translations models, unpacking .gz files', async () => {
    const files = randomModelFiles('fren')
    const source = join(await tempDir(), 'fren')
    await writeModelFolder(source, files, 'gz')
    const manager = await newManager()

    const [installed] = await manager.importFromFolder(source)

    expect(installed).toMatchObject({ name: 'fren', from: 'fr', to: 'en', source: { kind: 'folder', location: source } })
    expect(installed!.files.lex).toEqual({ name: files.lex.name, size: files.lex.body.length, sha256: sha256(files.lex.body) })
    expect(sha256(await readFile(join(manager.modelsDir, 'fren', files.model.name)))).toBe(sha256(files.model.body))
    expect(await readdir(source)).toHaveLength(3)
    await expectCleanWorkFolders(manager.modelsDir)
  })

  it('takes the languages from metadata.json when the file names do not give them', async () => {
    const source = join(await tempDir(), 'some-model')
    const files = randomModelFiles('xxxx')
    await writeModelFolder(source, {
      ...files,
      model: { name: 'model.intgemm.alphas.bin', body: files.model.body },
    })
    await writeFile(join(source, 'metadata.json'), JSON.stringify({ sourceLanguage: 'fr', targetLanguage: 'es', architecture: 'base' }))
    const [installed] = await (await newManager()).importFromFolder(source)
    expect(installed).toMatchObject({ name: 'fres', from: 'fr', to: 'es' })
  })

  it('imports every model in a folder of model folders, and a folder it installed itself', async () => {
    const root = await tempDir()
    await writeModelFolder(join(root, 'fren'), randomModelFiles('fren'))
    await writeModelFolder(join(root, 'enfr'), randomModelFiles('enfr'), 'zst')
    const first = await newManager()
    expect((await first.importFromFolder(root)).map((m) => m.name).sort()).toEqual(['enfr', 'fren'])

    const second = await newManager()
    const [copy] = await second.importFromFolder(join(first.modelsDir, 'fren'))
    expect(copy).toMatchObject({ name: 'fren', version: (await first.list())[1]!.version })
  })

  it('refuses a folder whose model lacks a vocabulary, and one whose model.json no longer matches its files', async () => {
    const manager = await newManager()
    const incomplete = join(await tempDir(), 'fren')
    const files = randomModelFiles()
    await writeModelFolder(incomplete, { ...files, vocab: { name: 'notes.txt', body: Buffer.from('x') } })
    await expect(manager.importFromFolder(incomplete)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/lacks a vocabulary/),
    })

    const other = await newManager()
    const [installed] = await other.importFromFolder(await folderWith(files))
    await writeFile(join(installed!.dir, files.vocab.name), Buffer.from('tampered'))
    await expect(manager.importFromFolder(installed!.dir)).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringMatching(/vocab.*does not match/),
    })
    expect(await manager.list()).toEqual([])
    await expectCleanWorkFolders(manager.modelsDir)
  })

  async function folderWith(files: ModelFileSet) {
    const dir = join(await tempDir(), 'fren')
    await writeModelFolder(dir, files)
    return dir
  }

  it('installs no file a link in the folder points to (a link could name any file of the computer)', async () => {
    const manager = await newManager()
    const source = join(await tempDir(), 'linked')
    const files = randomModelFiles()
    await writeModelFolder(source, { model: files.model, lex: files.lex })
    const secret = join(await tempDir(), 'secret.txt')
    await writeFile(secret, 'not for a model folder')
    await symlink(secret, join(source, files.vocab.name))
    await expect(manager.importFromFolder(source)).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await manager.list()).toEqual([])
  })

  it('says when a folder holds no model, or does not exist', async () => {
    const manager = await newManager()
    await expect(manager.importFromFolder(await tempDir())).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/No Bergamot model found/),
    })
    await expect(manager.importFromFolder('/no/such/folder')).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it.each([
    ['model.tar', (tar: Buffer) => tar],
    ['model.tar.gz', (tar: Buffer) => gzipSync(tar)],
    ['model.tgz', (tar: Buffer) => gzipSync(tar)],
    ['model.tar.zst', (tar: Buffer) => zstdStoredFrame(tar)],
  ])('imports an archive: %s', async (archiveName, compress) => {
    const files = randomModelFiles()
    const archive = join(await tempDir(), archiveName)
    await writeFile(archive, compress(tarArchive(tarEntries('firefox-models/fren', files))))
    const manager = await newManager()

    const [installed] = await manager.importFromArchive(archive)

    expect(installed).toMatchObject({ name: 'fren', source: { kind: 'archive', location: archive } })
    for (const file of Object.values(files)) expect(sha256(await readFile(join(installed!.dir, file.name)))).toBe(sha256(file.body))
    await expectCleanWorkFolders(manager.modelsDir)
  })

  it('follows pax long names in archives', async () => {
    const files = randomModelFiles()
    const longFolder = `models-${'x'.repeat(150)}/fren`
    const entries = Object.values(files).flatMap((file) => [
      { name: 'PaxHeader', type: 'x', body: Buffer.from(paxRecord('path', `${longFolder}/${file.name}`)) },
      { name: 'truncated', body: file.body },
    ])
    const archive = join(await tempDir(), 'long.tar')
    await writeFile(archive, tarArchive(entries))
    const [installed] = await (await newManager()).importFromArchive(archive)
    expect(installed!.name).toBe('fren')
  })

  it.each([
    ['a parent folder', '../evil.bin'],
    ['a parent folder further down', 'fren/../../evil.bin'],
    ['an absolute path', '/tmp/evil.bin'],
    ['a Windows path', 'C:\\evil.bin'],
  ])('rejects an archive with an entry escaping through %s', async (_case, name) => {
    const root = await tempDir()
    const archive = join(root, 'evil.tar')
    await writeFile(archive, tarArchive([...tarEntries('fren', randomModelFiles()), { name, body: Buffer.from('pwned') }]))
    const manager = await newManager()

    await expect(manager.importFromArchive(archive)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/outside its folder/),
    })

    expect(existsSync(join(root, 'evil.bin'))).toBe(false)
    expect(existsSync(join(manager.modelsDir, 'evil.bin'))).toBe(false)
    expect(existsSync(join(manager.modelsDir, '.imports', 'evil.bin'))).toBe(false)
    expect(await manager.list()).toEqual([])
    await expectCleanWorkFolders(manager.modelsDir)
  })

  it('rejects an archive with a link', async () => {
    const archive = join(await tempDir(), 'link.tar')
    await writeFile(
      archive,
      tarArchive([...tarEntries('fren', randomModelFiles()), { name: 'fren/passwd', type: '2', linkName: '/etc/passwd' }]),
    )
    await expect((await newManager()).importFromArchive(archive)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/link/),
    })
  })

  it('rejects absurd sizes before unpacking them: one huge entry, too much in all, too many entries', async () => {
    const dir = await tempDir()
    const manager = await newManager({ maxFileBytes: 1024 * 1024, maxModelBytes: 2 * 1024 * 1024, maxArchiveEntries: 20 })

    const huge = join(dir, 'huge.tar')
    await writeFile(huge, tarArchive([{ name: 'fren/model.fren.bin', declaredSize: 6 * 1024 ** 3 }]))
    await expect(manager.importFromArchive(huge)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/more than the 1 MB allowed/),
    })

    const many = join(dir, 'many.tar')
    await writeFile(many, tarArchive(Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, body: Buffer.from('x') }))))
    await expect(manager.importFromArchive(many)).rejects.toThrow(/more than 20 entries/)

    const bulky = join(dir, 'bulky.tar.gz')
    const megabyte = Buffer.alloc(1000 * 1024)
    await writeFile(bulky, gzipSync(tarArchive([1, 2, 3].map((i) => ({ name: `fren/part${i}`, body: megabyte })))))
    await expect(manager.importFromArchive(bulky)).rejects.toThrow(/unpacks to more than 2 MB/)
    await expectCleanWorkFolders(manager.modelsDir)
  })

  it('reports a damaged or truncated archive, and an archive kind it does not read', async () => {
    const dir = await tempDir()
    const manager = await newManager()
    const tar = tarArchive(tarEntries('fren', randomModelFiles()))

    const truncated = join(dir, 'truncated.tar')
    await writeFile(truncated, tar.subarray(0, 5000))
    await expect(manager.importFromArchive(truncated)).rejects.toMatchObject({
      code: 'corrupt_file',
      message: expect.stringMatching(/incomplete/),
    })

    const garbage = join(dir, 'garbage.tar.gz')
    await writeFile(garbage, Buffer.concat([gzipSync(tar).subarray(0, 10), Buffer.alloc(2000, 7)]))
    await expect(manager.importFromArchive(garbage)).rejects.toMatchObject({ code: 'corrupt_file' })

    const zip = join(dir, 'model.zip')
    await writeFile(zip, Buffer.from('PK\x03\x04'))
    await expect(manager.importFromArchive(zip)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Zip archives are not supported/),
    })
    await expectCleanWorkFolders(manager.modelsDir)
  })
})

describe('Bergamot installed models', () => {
  const tempDir = useTempDirs()

  it('lists installed models by name, replaces one on reinstall, and deletes one by name', async () => {
    const manager = createModelManager({ modelsDir: await tempDir() })
    const root = await tempDir()
    for (const pair of ['fren', 'enfr']) {
      const dir = join(root, pair)
      await mkdir(dir)
      for (const file of Object.values(randomModelFiles(pair))) await writeFile(join(dir, file.name), file.body)
    }
    await manager.importFromFolder(root)
    expect((await manager.list()).map((m) => `${m.name} ${m.from}→${m.to}`)).toEqual(['enfr en→fr', 'fren fr→en'])

    const before = (await manager.list())[1]!.version
    await writeFile(join(root, 'fren', 'model.fren.intgemm.alphas.bin'), Buffer.from('a new model'))
    await manager.importFromFolder(join(root, 'fren'))
    const after = (await manager.list()).find((m) => m.name === 'fren')!
    expect(after.version).not.toBe(before)
    expect(await readdir(manager.modelsDir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/^\.replaced/)]))

    await manager.delete('fren')
    expect((await manager.list()).map((m) => m.name)).toEqual(['enfr'])
    expect(existsSync(join(manager.modelsDir, 'fren'))).toBe(false)
  })

  it('says when there is nothing to delete, and refuses a name that is not a model name', async () => {
    const manager = createModelManager({ modelsDir: await tempDir() })
    await expect(manager.delete('fren')).rejects.toMatchObject({ code: 'not_found' })
    await expect(manager.delete('../library')).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await manager.list()).toEqual([])
  })

  it('ignores folders that are not models', async () => {
    const modelsDir = await tempDir()
    await mkdir(join(modelsDir, 'notes'))
    await writeFile(join(modelsDir, 'notes', 'model.json'), '{"format": 99}')
    expect(await createModelManager({ modelsDir }).list()).toEqual([])
  })
})

describe('importModels at the door', () => {
  const { tempDir, openCore } = useLibraries()

  it('answers the same for a path that does not exist and one that exists but holds no model', async () => {
    const dir = await tempDir()
    const core = await openCore({ libraryDir: join(dir, 'library'), userDataDir: dir })
    await writeFile(join(dir, 'secret.txt'), 'not a model')
    await mkdir(join(dir, 'empty-dir'))
    const answer = async (path: string) => {
      const error = await core.importModels({ path }).catch((e: ApiError) => e)
      return {
        code: (error as ApiError).code,
        message: (error as ApiError).message.replace(path, '<path>').replace(basename(path), '<path>'),
      }
    }
    expect(await answer(join(dir, 'missing.txt'))).toEqual(await answer(join(dir, 'secret.txt')))
    expect(await answer(join(dir, 'missing-dir'))).toEqual(await answer(join(dir, 'empty-dir')))
    expect((await answer(join(dir, 'empty-dir'))).code).toBe('invalid_input')
  })
})
