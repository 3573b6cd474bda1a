/**
 * Writes the tiny, randomly weighted Bergamot model the tests and the benchmark translate with:
 * `npx tsx scripts/make-test-model.ts <output folder>` gives model.fren.bin, lex.50.50.fren.s2t.bin and vocab.fren.spm,
 * the same bytes on every run (see test/support/tiny-bergamot-model.ts).
 */
import { resolve } from 'node:path'

import { writeTinyBergamotModel } from '../test/support/tiny-bergamot-model'

const outDir = process.argv[2]
if (!outDir) {
  process.stderr.write('usage: npx tsx scripts/make-test-model.ts <output folder>\n')
  process.exit(2)
}
await writeTinyBergamotModel(resolve(outDir))
process.stdout.write(`Wrote a tiny Bergamot model (fr→en) into ${resolve(outDir)}\n`)
