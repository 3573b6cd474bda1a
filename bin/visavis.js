#!/usr/bin/env node
// The `visavis` command: runs the CLI that `npm run build` bundles into out/main/cli.js.
import { existsSync } from 'node:fs'

const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write('visavis: the app is not built yet; run `npm run build` in the project folder first.\n')
  process.exit(1)
}
const { main } = await import(cli.href)
process.exitCode = await main(process.argv.slice(2))
