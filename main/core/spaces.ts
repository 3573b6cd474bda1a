const NO_BREAK_SPACE = /[\u00a0\u2007\u202f]/
const NO_BREAK_SPACES = /[\u00a0\u2007\u202f]/g

/**
 * Each run of white space as one space; a run that holds a no-break space stays that no-break space (French sets one
 * before « ; : ! ? », inside « », in "3 000"), so a line never breaks there, and a doubled one becomes one.
 */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, (run) => NO_BREAK_SPACE.exec(run)?.[0] ?? ' ')
}

/** No-break spaces as plain ones, character for character (offsets hold), for rules and engines written for plain spaces. */
export function withPlainSpaces(text: string): string {
  return text.replace(NO_BREAK_SPACES, ' ')
}
