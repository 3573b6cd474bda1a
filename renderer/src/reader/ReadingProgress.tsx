import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** How far down the article the reader has scrolled, as a thin bar along the top of the window. */
export function ReadingProgress() {
  const { t } = useTranslation()
  const share = useScrolledShare()
  const percent = Math.round(share * 100)
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
      <span style={{ transform: `scaleX(${share})` }} />
    </div>
  )
}

function useScrolledShare(): number {
  const [share, setShare] = useState(0)
  useEffect(() => {
    let frame = 0
    const measure = () => {
      const page = document.scrollingElement ?? document.documentElement
      const scrollable = page.scrollHeight - page.clientHeight
      setShare(scrollable > 0 ? Math.min(1, Math.max(0, page.scrollTop / scrollable)) : 1)
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
  }, [])
  return share
}
