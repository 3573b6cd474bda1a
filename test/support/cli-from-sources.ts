import { join } from 'node:path'

/** The script that runs the `visavis` command from its sources: tests spawn `node` with it in place of bin/visavis.js. */
export const VISAVIS_FROM_SOURCES = join(import.meta.dirname, 'visavis-from-sources.mjs')
