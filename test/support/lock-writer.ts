// One process of the lock test: at `startAt` (ms since the epoch), appends `name` to a JSON list under the file lock.
import { readFile, writeFile } from 'node:fs/promises'

import { withFileLock } from '../../main/core/fs/file-lock'

const [lock, listFile, name, startAt] = process.argv.slice(2) as [string, string, string, string]
while (Date.now() < Number(startAt));
await withFileLock(lock, async () => {
  const list: string[] = JSON.parse(await readFile(listFile, 'utf8').catch(() => '[]'))
  list.push(name)
  await new Promise((resolve) => setTimeout(resolve, 5))
  await writeFile(listFile, JSON.stringify(list))
})
process.stdout.write('acknowledged')
