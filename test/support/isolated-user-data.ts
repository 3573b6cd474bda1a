// Vitest setup: every test process gets its own user-data folder, so no test reads or writes the real settings.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

process.env.VISAVIS_USER_DATA = mkdtempSync(join(tmpdir(), 'visavis-user-data-'))
