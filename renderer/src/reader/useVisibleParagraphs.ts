import { useEffect, useRef } from 'react'

/** The sticky reader bar covers the top of the window: a paragraph under it is not in view. */
export const COVERED_TOP = 120

/**
 * Watches which paragraphs are on screen as the reader scrolls: reports them (for translation priority) and the
 * first of them (the reading position), each at most every `delayMs`.
 */
export function useVisibleParagraphs(
  container: HTMLElement | null,
  onVisible: (ids: string[]) => void,
  onTopParagraph: (id: string) => void,
  delayMs = 400,
) {
  const callbacks = useRef({ onVisible, onTopParagraph })
  callbacks.current = { onVisible, onTopParagraph }

  useEffect(() => {
    if (!container) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const report = () => {
      timer = undefined
      const ids = paragraphsInView(container)
      if (ids.length === 0) return
      callbacks.current.onVisible(ids)
      callbacks.current.onTopParagraph(ids[0]!)
    }
    const later = () => (timer ??= setTimeout(report, delayMs))
    later()
    window.addEventListener('scroll', later, { passive: true })
    window.addEventListener('resize', later)
    return () => {
      window.removeEventListener('scroll', later)
      window.removeEventListener('resize', later)
      clearTimeout(timer)
    }
  }, [container, delayMs])
}

/** The paragraphs in view right now, in reading order (the rows in view are always in the page). */
export function paragraphsInView(container: HTMLElement | null): string[] {
  if (!container) return []
  const ids: string[] = []
  for (const cell of container.querySelectorAll<HTMLElement>('.cell[data-paragraph]')) {
    const box = cell.getBoundingClientRect()
    if (box.bottom > COVERED_TOP && box.top < window.innerHeight && !ids.includes(cell.dataset.paragraph!))
      ids.push(cell.dataset.paragraph!)
  }
  return ids
}
