/**
 * Runs `run` now, and again after the grid's content changes (a translation arrives, the layout changes), at most
 * once a frame. Returns what stops it.
 */
export function followGridContent(grid: HTMLElement, run: () => void): () => void {
  run()
  let frame = 0
  const observer = new MutationObserver(() => {
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(run)
  })
  observer.observe(grid, { childList: true, subtree: true, characterData: true })
  return () => {
    observer.disconnect()
    cancelAnimationFrame(frame)
  }
}
