/**
 * `npm run lint:electron`: Electronegativity (Doyensec's Electron security linter) over the desktop shell's sources
 * (main/electron, preload) and the renderer's page (renderer/index.html, for its CSP), scanned together so the
 * global checks (CSP, navigation limits, permission handler) see the whole app.
 *
 * Every finding is printed. The ones reviewed and explained in docs/security.md ("Electronegativity findings") are
 * marked accepted; any other finding fails the run (exit code 1), so a new one is looked at before it is merged.
 * A CSV report goes to .test-output/electronegativity.csv.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const SCANNED = ['main/electron', 'preload', 'renderer/index.html']

/** Findings reviewed and kept, by check and file; the reasons are in docs/security.md. */
const ACCEPTED_FINDINGS: Record<string, string> = {
  'CSP_GLOBAL_CHECK renderer/index.html': "script-src 'self': the app origin serves only the built renderer (no JSONP, no uploads).",
  'PROTOCOL_HANDLER_JS_CHECK main/electron/index.ts': 'visavis:// links are parsed strictly (deep-link.ts) into a 16-hex id and p<n>.',
  'OPEN_EXTERNAL_JS_CHECK main/electron/window.ts': 'only http(s) URLs (externalHttpUrl), only from a link the user follows.',
  'PRELOAD_JS_CHECK main/electron/window.ts': 'the sandboxed preload exposes the contract methods and onEvent only, never ipcRenderer.',
}

interface Issue {
  id: string
  file: string
  location: { line: number; column: number }
  severity: { name: string }
  confidence: { name: string }
  description: string
  manualReview?: boolean
}

type Run = (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: { file: string; message: string }[] }>

async function main(): Promise<number> {
  const require = createRequire(import.meta.url)
  const run = require('@doyensec/electronegativity') as Run
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
    .version

  const staging = mkdtempSync(join(tmpdir(), 'visavis-electronegativity-'))
  try {
    for (const path of SCANNED) {
      mkdirSync(join(staging, path, '..'), { recursive: true })
      cpSync(join(ROOT, path), join(staging, path), { recursive: true })
    }
    const reports = join(ROOT, '.test-output')
    mkdirSync(reports, { recursive: true })
    const { issues, errors } = await run({
      input: staging,
      output: join(reports, 'electronegativity.csv'),
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    })

    for (const error of errors) console.log(`parse error: ${error.file}: ${error.message}`)
    const unexpected: Issue[] = []
    console.log(`\nElectronegativity, Electron ${electronVersion}: ${issues.length} finding(s) in ${SCANNED.join(', ')}\n`)
    for (const issue of issues) {
      const reason = ACCEPTED_FINDINGS[`${issue.id} ${issue.file}`]
      if (!reason) unexpected.push(issue)
      console.log(
        `${reason ? 'accepted' : 'NEW     '}  ${issue.id}  ${issue.severity.name}/${issue.confidence.name}  ` +
          `${issue.file}:${issue.location.line}:${issue.location.column}\n          ${issue.description}` +
          (reason ? `\n          reviewed: ${reason}` : ''),
      )
    }
    if (unexpected.length > 0 || errors.length > 0) {
      console.log(`\n${unexpected.length} finding(s) not reviewed yet: fix them, or explain them in docs/security.md and here.`)
      return 1
    }
    console.log('\nEvery finding is reviewed (docs/security.md, "Electronegativity findings").')
    return 0
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

process.exitCode = await main()
