/** A scroll this recent holds back what is to be shown… */
const SCROLL_PAUSE_MS = 150
/** …for this long at most, so a reader who keeps scrolling still sees translations come. */
const SCROLL_HOLD_MS = 1000

/**
 * Runs `show` in a frame soon after it is asked for, once the reader has not scrolled for a moment: while a long
 * article scrolls, the frames go to the rows coming into view, and what arrived meanwhile is shown when it pauses.
 */
export function frameAfterScrolling(show: () => void) {
  let lastScroll = -Infinity
  let askedAt: number | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let frame = 0
  const onScroll = () => (lastScroll = performance.now())
  window.addEventListener('scroll', onScroll, { passive: true })
  const attempt = () => {
    const wait = Math.min(lastScroll + SCROLL_PAUSE_MS, askedAt! + SCROLL_HOLD_MS) - performance.now()
    if (wait > 0) timer = setTimeout(attempt, wait)
    else
      frame = requestAnimationFrame(() => {
        askedAt = null
        show()
      })
  }
  return {
    soon() {
      if (askedAt !== null) return
      askedAt = performance.now()
      attempt()
    },
    stop() {
      clearTimeout(timer)
      cancelAnimationFrame(frame)
      window.removeEventListener('scroll', onScroll)
    },
  }
}
