import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compressionOf, copyDecompressing, withoutCompressionSuffix } from '../../../main/core/translation/bergamot/file-streams'
import { sha256, ZSTD_SAMPLE } from '../../support/bergamot-fixtures'
import { useTempDirs } from '../../support/temp-dir'

describe('Bergamot file streams', () => {
  const tempDir = useTempDirs()

  it('unpacks a real zstd file (compressed blocks, not only stored ones) and hashes what it wrote', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'sample.txt.zst'), ZSTD_SAMPLE.compressed)
    const digest = await copyDecompressing(join(dir, 'sample.txt.zst'), join(dir, 'sample.txt'), {
      compression: 'zst',
      maxBytes: 1 << 20,
      label: 'sample.txt.zst',
    })
    expect(await readFile(join(dir, 'sample.txt'), 'utf8')).toBe(ZSTD_SAMPLE.text)
    expect(digest).toEqual({ size: Buffer.byteLength(ZSTD_SAMPLE.text), sha256: sha256(Buffer.from(ZSTD_SAMPLE.text)) })
  })

  it('reports a truncated zstd file as corrupt and leaves nothing behind', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'cut.zst'), ZSTD_SAMPLE.compressed.subarray(0, 20))
    await expect(
      copyDecompressing(join(dir, 'cut.zst'), join(dir, 'cut'), { compression: 'zst', maxBytes: 1 << 20, label: 'cut.zst' }),
    ).rejects.toMatchObject({
      code: 'corrupt_file',
      message: 'cut.zst is not a valid zstd file.',
    })
    await expect(readFile(join(dir, 'cut'))).rejects.toThrow(/ENOENT/)
  })

  it('knows compression by file name', () => {
    expect(compressionOf('model.bin.gz')).toBe('gz')
    expect(compressionOf('model.bin.zst')).toBe('zst')
    expect(compressionOf('model.bin')).toBe('none')
    expect(withoutCompressionSuffix('vocab.spm.zst')).toBe('vocab.spm')
  })
})
