/** Something the core makes on first use, once, so that a command that never needs it never loads its modules. */
export interface Lazy<T> {
  (): Promise<T>
  /** What was made, if it was: for closing only what was opened. */
  ifMade(): Promise<T> | undefined
}

/** A making that failed is tried again on the next use. */
export function lazy<T>(make: () => Promise<T>): Lazy<T> {
  let made: Promise<T> | undefined
  const get = () =>
    (made ??= make().catch((error: unknown) => {
      made = undefined
      throw error
    }))
  return Object.assign(get, { ifMade: () => made })
}
