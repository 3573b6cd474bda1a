import { useEffect, useRef } from 'react'

/**
 * Watches which paragraphs are on screen: reports them (for translation priority) and the first of them (the
 * reading position), each at most every `delayMs`.
 */
export function useVisibleParagraphs(
  container: HTMLElement | null,
  paragraphIds: string[],
  onVisible: (ids: string[]) => void,
  onTopParagraph: (id: string) => void,
  delayMs = 400,
) {
  const callbacks = useRef({ onVisible, onTopParagraph })
  callbacks.current = { onVisible, onTopParagraph }

  useEffect(() => {
    if (!container || paragraphIds.length === 0) return
    const visible = new Set<string>()
    let timer: ReturnType<typeof setTimeout> | undefined
    const report = () => {
      timer = undefined
      const ids = paragraphIds.filter((id) => visible.has(id))
      if (ids.length === 0) return
      callbacks.current.onVisible(ids)
      callbacks.current.onTopParagraph(ids[0]!)
    }
    // The sticky toolbar covers the top of the viewport: a paragraph hidden under it is not where the reader is.
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.paragraph!
          if (entry.isIntersecting) visible.add(id)
          else visible.delete(id)
        }
        timer ??= setTimeout(report, delayMs)
      },
      { rootMargin: '-120px 0px 0px 0px' },
    )
    for (const cell of container.querySelectorAll<HTMLElement>('.cell-original[data-paragraph], .cell-translation[data-paragraph]'))
      observer.observe(cell)
    return () => {
      observer.disconnect()
      clearTimeout(timer)
    }
  }, [container, paragraphIds, delayMs])
}

/** The paragraphs in view right now, in reading order. */
export function paragraphsInView(container: HTMLElement | null): string[] {
  if (!container) return []
  const ids: string[] = []
  for (const cell of container.querySelectorAll<HTMLElement>('[data-paragraph]')) {
    const box = cell.getBoundingClientRect()
    if (box.bottom > 0 && box.top < window.innerHeight && !ids.includes(cell.dataset.paragraph!)) ids.push(cell.dataset.paragraph!)
  }
  return ids
}
