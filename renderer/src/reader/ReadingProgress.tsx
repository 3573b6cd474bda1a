import { type RefObject, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * How far down the article the reader has scrolled, as a thin bar along the top of the window. The bar follows every
 * frame of a scroll without React (drawn again only when the whole percent its label says changes).
 */
export function ReadingProgress() {
  const { t } = useTranslation()
  const bar = useRef<HTMLSpanElement>(null)
  const percent = useScrolledPercent(bar)
  return (
    <div
      className="reading-progress"
      role="progressbar"
      aria-label={t('reader.progress', { percent })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="reading-progress"
    >
      <span ref={bar} />
    </div>
  )
}

function useScrolledPercent(bar: RefObject<HTMLSpanElement | null>): number {
  const [percent, setPercent] = useState(0)
  useEffect(() => {
    let frame = 0
    const measure = () => {
      const page = document.scrollingElement ?? document.documentElement
      const scrollable = page.scrollHeight - page.clientHeight
      const share = scrollable > 0 ? Math.min(1, Math.max(0, page.scrollTop / scrollable)) : 1
      if (bar.current) bar.current.style.transform = `scaleX(${share})`
      setPercent(Math.round(share * 100))
    }
    const onScroll = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(measure)
    }
    measure()
    window.addEventListener('scroll', onScroll, { passive: true })
    window.addEventListener('resize', onScroll)
    // The page grows and shrinks without a scroll: rows come in, a long article's rows are measured.
    const resized = new ResizeObserver(onScroll)
    resized.observe(document.body)
    return () => {
      resized.disconnect()
      cancelAnimationFrame(frame)
      window.removeEventListener('scroll', onScroll)
      window.removeEventListener('resize', onScroll)
    }
  }, [bar])
  return percent
}
