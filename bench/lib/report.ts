export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

export type Figure = [name: string, measured: number, goal: number | null, better: 'higher' | 'lower']

/** Prints each figure beside its goal, with the ratio (above 1 is better than the goal) and whether it is met. */
export function report(rows: Figure[], { digits = 1 }: { digits?: number } = {}): void {
  console.log(`${'figure'.padEnd(44)}${'measured'.padStart(10)}${'goal'.padStart(8)}${'ratio'.padStart(8)}  met`)
  for (const [name, value, goal, better] of rows) {
    const ratio = goal === null ? '' : (better === 'higher' ? value / goal : goal / value).toFixed(2)
    const met = goal === null ? '' : (better === 'higher' ? value >= goal : value <= goal) ? 'yes' : 'NO'
    console.log(
      `${name.padEnd(44)}${value.toFixed(digits).padStart(10)}${(goal === null ? '' : String(goal)).padStart(8)}${ratio.padStart(8)}  ${met}`,
    )
  }
}
