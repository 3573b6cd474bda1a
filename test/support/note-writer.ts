// One process of the lock test: at `startAt` (ms since the epoch), adds `count` notes to an article through the core,
// one after another, and prints each note's text once it is acknowledged.
import { createCore } from '../../main/core/core'
import { extractionWorkerOfSources } from './source-worker'

const [libraryDir, userDataDir, articleId, name, count, startAt] = process.argv.slice(2) as [string, string, string, string, string, string]
const core = await createCore({ libraryDir, userDataDir, extractionWorker: extractionWorkerOfSources(), engines: [] })
while (Date.now() < Number(startAt));
for (let i = 0; i < Number(count); i++) {
  const note = `${name} ${i}`
  await core.addAnnotation({ articleId, kind: 'note', paragraphId: 'p1', note })
  process.stdout.write(`${note}\n`)
}
await core.close()
