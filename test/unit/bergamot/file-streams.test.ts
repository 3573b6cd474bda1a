import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { compressionOf, copyDecompressing, withoutCompressionSuffix } from '../../../main/core/translation/bergamot/file-streams'
import { sha256, ZSTD_SAMPLE, zstdBomb } from '../../support/bergamot-fixtures'
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

  it('stops a zstd bomb as it unpacks, within the file limit and long before its 3 GB', { timeout: 120_000 }, async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'bomb.zst'), zstdBomb(25_000))
    const small = await readFile(join(dir, 'bomb.zst'))
    expect(small.length).toBeLessThan(110_000)
    // A small bomb unpacks in full, so the frame is valid zstd: the limit, not a decoding error, stops the big one.
    await writeFile(join(dir, 'small.zst'), zstdBomb(4))
    const digest = await copyDecompressing(join(dir, 'small.zst'), join(dir, 'small'), {
      compression: 'zst',
      maxBytes: 1 << 20,
      label: 'small.zst',
    })
    expect(digest.size).toBe(4 * 128 * 1024)

    const rssBefore = process.memoryUsage().rss
    await expect(
      copyDecompressing(join(dir, 'bomb.zst'), join(dir, 'bomb'), { compression: 'zst', maxBytes: 512 * 1024 * 1024, label: 'bomb.zst' }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('bomb.zst is over 512 MB once unpacked') })
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024)
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
