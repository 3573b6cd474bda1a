import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The workplace's shared folder (the sample article, the saved news pages). Those texts belong to their publishers
 * and are never copied into the project: tests find the folder beside the checkout, or at VISAVIS_SHARED, or /work/shared.
 */
export function sharedFolder(): string {
  const candidates = [process.env.VISAVIS_SHARED, ...ancestorsOf(import.meta.dirname).map((dir) => join(dir, 'shared')), '/work/shared']
  const found = candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'seeds')))
  if (!found) throw new Error('The shared folder (seeds/, pages/) was not found: set VISAVIS_SHARED to its path.')
  return found
}

function ancestorsOf(dir: string): string[] {
  const parent = dirname(dir)
  return parent === dir ? [dir] : [dir, ...ancestorsOf(parent)]
}

/** The sample article the product started from. */
export const SEED_PATH = join(sharedFolder(), 'seeds', '000_7838cbda7f5bb796.txt')
export const SEED_TITLE = 'La Chine et le Kazakhstan conviennent de travailler ensemble pour le renouveau national'
