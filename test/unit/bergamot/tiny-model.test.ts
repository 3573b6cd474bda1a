import { execFile } from 'node:child_process'
import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { useTempDirs } from '../../support/temp-dir'
import { TINY_MODEL_FILES, TINY_VOCAB_PATH, writeTinyBergamotModel } from '../../support/tiny-bergamot-model'

const run = promisify(execFile)
const FIXTURE = join(import.meta.dirname, '../../fixtures/bergamot-tiny')

describe('the tiny Bergamot test model', () => {
  const tempDir = useTempDirs()

  it('is the same bytes on every run', async () => {
    const [first, second] = [await tempDir(), await tempDir()]
    await writeTinyBergamotModel(first)
    await writeTinyBergamotModel(second)
    for (const name of Object.values(TINY_MODEL_FILES)) {
      expect((await readFile(join(first, name))).equals(await readFile(join(second, name))), name).toBe(true)
    }
  })

  it('has the vocabulary that the command in its README trains with Debian’s sentencepiece', async () => {
    const readme = await readFile(join(FIXTURE, 'README.md'), 'utf8')
    const command = /```sh\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(command, 'the README shows the training command').toBeTruthy()
    const work = await tempDir()
    await copyFile(join(FIXTURE, 'corpus.txt'), join(work, 'corpus.txt'))
    await run('sh', ['-ec', command!], { cwd: work }).catch((error: Error) => {
      throw new Error(`${error.message}\n(spm_train comes with Debian's sentencepiece: apt-get install sentencepiece)`)
    })
    expect((await readFile(join(work, 'vocab.fren.spm'))).equals(await readFile(TINY_VOCAB_PATH))).toBe(true)
  })
})
