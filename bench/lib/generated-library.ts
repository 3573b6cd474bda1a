import { MAX_FILES_PER_BATCH } from '../../main/api/contract'
import { createDispatcher } from '../../main/api/dispatch'
import { createCore } from '../../main/core/core'
import { extractionWorkerOfSources } from '../../test/support/source-worker'
import { createTextGenerator } from '../french-like'

/**
 * Fills `libraryDir` with `count` generated French-like articles the way a folder import does (batches of 50 through
 * the contract); returns the import rate in articles per second.
 */
export async function importGeneratedArticles(libraryDir: string, count: number): Promise<number> {
  const core = await createCore({ libraryDir, extractionWorker: extractionWorkerOfSources() })
  const dispatch = createDispatcher(core)
  const generator = createTextGenerator()
  const started = performance.now()
  for (let first = 0; first < count; first += MAX_FILES_PER_BATCH) {
    const files = Array.from({ length: Math.min(MAX_FILES_PER_BATCH, count - first) }, (_, i) => ({
      fileName: `article-${first + i}.txt`,
      base64: Buffer.from(generator.article(first + i)).toString('base64'),
    }))
    const envelope = await dispatch('importFiles', { files })
    if (!envelope.ok) throw new Error(envelope.error.message)
  }
  await core.close()
  return count / ((performance.now() - started) / 1000)
}
