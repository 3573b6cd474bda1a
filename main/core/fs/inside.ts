import { relative, resolve, sep } from 'node:path'

import { ApiError } from '../../api/errors'

/** `root` joined with `segments`, proven to stay inside `root` (a segment such as ".." or "/x" is refused). */
export function pathInside(root: string, ...segments: string[]): string {
  const path = resolve(root, ...segments)
  const fromRoot = relative(resolve(root), path)
  if (fromRoot === '' || fromRoot.startsWith(`..${sep}`) || fromRoot === '..' || resolve(fromRoot) === fromRoot) {
    throw new ApiError('invalid_input', `Refused a path outside ${root}: ${segments.join(sep)}`)
  }
  return path
}
