import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { frameAfterScrolling } from '../../renderer/src/reader/frame-after-scrolling'

describe('frameAfterScrolling, how the reader shows translations that arrive while it scrolls', () => {
  let page: EventTarget
  beforeEach(() => {
    // Node has no frames: stand-ins the fake timers then replace with frames of 16 ms.
    vi.stubGlobal('requestAnimationFrame', () => 0)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })
    page = new EventTarget()
    vi.stubGlobal('window', page)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  const scrollFor = (ms: number) => {
    for (let at = 0; at < ms; at += 50) {
      page.dispatchEvent(new Event('scroll'))
      vi.advanceTimersByTime(50)
    }
  }

  it('shows in the next frame when the reader is still, once however often it is asked', () => {
    const show = vi.fn()
    const shown = frameAfterScrolling(show)
    shown.soon()
    shown.soon()
    vi.advanceTimersByTime(20)
    expect(show).toHaveBeenCalledTimes(1)
    shown.stop()
  })

  it('waits while the reader scrolls, and shows once it has paused', () => {
    const show = vi.fn()
    const shown = frameAfterScrolling(show)
    page.dispatchEvent(new Event('scroll'))
    shown.soon()
    scrollFor(400)
    expect(show).not.toHaveBeenCalled()
    vi.advanceTimersByTime(200)
    expect(show).toHaveBeenCalledTimes(1)
    shown.stop()
  })

  it('shows at least once a second to a reader who keeps scrolling', () => {
    const show = vi.fn()
    const shown = frameAfterScrolling(show)
    page.dispatchEvent(new Event('scroll'))
    shown.soon()
    scrollFor(1100)
    expect(show).toHaveBeenCalledTimes(1)
    shown.stop()
  })

  it('shows nothing once stopped', () => {
    const show = vi.fn()
    const shown = frameAfterScrolling(show)
    shown.soon()
    shown.stop()
    vi.advanceTimersByTime(2000)
    expect(show).not.toHaveBeenCalled()
  })
})
