import { execFileSync } from 'node:child_process'

/** Whether Apertium with the French–Catalan pair is installed here; tests that need it skip, saying why, when not. */
export function apertiumInstalled(): boolean {
  try {
    return execFileSync('apertium', ['-l'], { encoding: 'utf8' }).includes('fra-cat')
  } catch {
    return false
  }
}
