import stripAnsi from 'strip-ansi'

/**
 * Text safe to print on a terminal or to keep as a title: no escape sequences (colours, cursor moves, OSC 52
 * clipboard writes…) and no control characters but line breaks and tabs.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return stripAnsi(text).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
}
