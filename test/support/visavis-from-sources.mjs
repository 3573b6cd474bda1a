// The `visavis` command run from the TypeScript sources, for tests that spawn it: they never run a stale build.
import { register } from 'node:module'

import { register as registerTsx } from 'tsx/esm/api'

registerTsx()
register('./module-path-hooks.mjs', import.meta.url)
const { main } = await import('../../main/cli/index.ts')
process.exitCode = await main(process.argv.slice(2))
