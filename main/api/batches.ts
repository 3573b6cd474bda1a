import { MAX_FILES_PER_BATCH } from './shapes'

/** One import batch's file content stays under this, so a big folder never holds hundreds of MB in memory at once. */
export const IMPORT_BATCH_BYTES = 16 * 1024 * 1024

/** Items in order, cut into batches of at most `maxItems` items whose sizes add up to at most `maxSize` (an item over it goes alone). */
export function batchesOf<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  { maxItems = Infinity, maxSize }: { maxItems?: number; maxSize: number },
): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  let size = 0
  for (const item of items) {
    const itemSize = sizeOf(item)
    if (current.length > 0 && (current.length === maxItems || size + itemSize > maxSize)) {
      batches.push(current)
      current = []
      size = 0
    }
    current.push(item)
    size += itemSize
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Files as the `importFiles` calls of the doors send them: the contract's files per call, and a bounded size. */
export function importBatchesOf<T>(files: readonly T[], sizeOf: (file: T) => number): T[][] {
  return batchesOf(files, sizeOf, { maxItems: MAX_FILES_PER_BATCH, maxSize: IMPORT_BATCH_BYTES })
}
