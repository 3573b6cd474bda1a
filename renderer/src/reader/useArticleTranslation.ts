import type { ErrorData } from '@shared/errors'
import { type EngineId, engineIds, type ParagraphTranslation } from '@shared/shapes'
import { startTransition, useCallback, useEffect, useRef, useState } from 'react'

import type { Client } from '../api/client'
import { ClientError } from '../api/client-error'
import { type EventOf, subscribe } from '../api/events'
import { frameAfterScrolling } from './frame-after-scrolling'
import { ParagraphStates } from './paragraph-states'

const JOB_EVENTS = ['translation.paragraph', 'translation.error', 'translation.progress', 'translation.finished'] as const
type JobEvent = EventOf<(typeof JOB_EVENTS)[number]>

export type ParagraphState =
  | { state: 'pending' }
  | { state: 'done'; sentences: ParagraphTranslation['sentences'] }
  | { state: 'error'; error: ErrorData }
  /** The work ended without this paragraph (another window took the article over). */
  | { state: 'stopped' }
  /** Nothing can translate the article: the pane says why instead. */
  | { state: 'unavailable' }

export interface TranslationStatus {
  /** The engine translating the article, or the one that could not. */
  engine: EngineId | null
  model: string | null
  to: string
  done: number
  total: number
  /** Why nothing can be translated (no engine ready, …). */
  error: ErrorData | null
  running: boolean
}

interface Options {
  articleId: string
  paragraphIds: string[]
  to: string
  engine: EngineId | undefined
  /** The paragraphs in view when the reader opens, translated first. */
  initiallyVisible: () => string[]
}

/**
 * An article's translation as the reader shows it: cached paragraphs at once, the rest streamed in as the core
 * translates them, the visible ones first. Leaving the reader (or changing engine or language) cancels the work.
 */
export function useArticleTranslation(client: Client, { articleId, paragraphIds, to, engine, initiallyVisible }: Options) {
  const [paragraphs, setParagraphs] = useState(() => ParagraphStates.of<ParagraphState>())
  const [status, setStatus] = useState<TranslationStatus>({ engine: null, model: null, to, done: 0, total: 0, error: null, running: false })
  const jobId = useRef<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [title, setTitle] = useState<string | undefined>(undefined)
  /** Set by refresh(): the next run keeps what is shown until the new translations arrive. */
  const keepShown = useRef(false)
  const visibleRef = useRef(initiallyVisible)
  visibleRef.current = initiallyVisible

  useEffect(() => {
    if (paragraphIds.length === 0) return
    let current = true
    if (keepShown.current) keepShown.current = false
    else {
      setParagraphs(ParagraphStates.of(paragraphIds.map((id) => [id, { state: 'pending' }])))
      setTitle(undefined)
    }
    setStatus({ engine: null, model: null, to, done: 0, total: paragraphIds.length, error: null, running: true })

    // Events can come before translateArticle answers with the job's id: they wait, and those of that job are
    // applied once it is known (others belong to jobs this reader no longer follows).
    let early: JobEvent[] | null = []
    // Paragraphs come faster than frames: they are shown together, in a frame while the reader is not scrolling.
    const arrived = new Map<string, ParagraphState>()
    let progress: { done: number; total: number } | null = null
    const showArrived = () => {
      const batch = [...arrived]
      arrived.clear()
      if (batch.length > 0) setParagraphs((previous) => previous.with(batch))
      if (progress) {
        const { done, total } = progress
        progress = null
        setStatus((s) => ({ ...s, done, total }))
      }
    }
    // Not urgent: React draws them in slices, and the rows a scroll brings come first.
    const shown = frameAfterScrolling(() => startTransition(showArrived))
    const setParagraph = (id: string, state: ParagraphState) => {
      arrived.set(id, state)
      shown.soon()
    }
    const apply = (event: JobEvent) => {
      if (event.type === 'translation.paragraph')
        setParagraph(event.paragraph.paragraphId, { state: 'done', sentences: event.paragraph.sentences })
      if (event.type === 'translation.error') setParagraph(event.paragraphId, { state: 'error', error: event.error })
      if (event.type === 'translation.progress') {
        progress = { done: event.done, total: event.total }
        shown.soon()
      }
      if (event.type === 'translation.finished')
        startTransition(() => {
          showArrived()
          setStatus((s) => ({ ...s, running: false }))
          setParagraphs((previous) => previous.map((state) => (state.state === 'pending' ? { state: 'stopped' } : state)))
        })
    }
    const unsubscribe = subscribe(client, JOB_EVENTS, (event) => {
      if (!current || event.articleId !== articleId) return
      if (early) early.push(event)
      else if (event.jobId === jobId.current) apply(event)
    })

    client.translateArticle({ id: articleId, to, engine, visibleParagraphIds: visibleRef.current() }).then(
      (job) => {
        if (!current) {
          if (job.jobId) void client.cancelTranslation({ jobId: job.jobId })
          return
        }
        jobId.current = job.jobId
        setTitle(job.title)
        // In one change: a long article reopened has thousands of paragraphs translated already.
        setParagraphs((previous) =>
          previous.with(job.paragraphs.map(({ paragraphId, sentences }) => [paragraphId, { state: 'done', sentences }])),
        )
        setStatus({
          engine: job.engine,
          model: job.model,
          to: job.to,
          done: job.done,
          total: job.total,
          error: null,
          running: job.jobId !== null,
        })
        const waiting = early ?? []
        early = null
        for (const event of waiting) if (event.jobId === job.jobId) apply(event)
      },
      (error: unknown) => {
        early = null
        if (!current) return
        const data = ClientError.from(error)
        setStatus((s) => ({ ...s, engine: engineThatFailed(data), error: data, running: false }))
        setParagraphs(ParagraphStates.of(paragraphIds.map((id) => [id, { state: 'unavailable' }])))
      },
    )

    return () => {
      current = false
      shown.stop()
      unsubscribe()
      if (jobId.current) void client.cancelTranslation({ jobId: jobId.current })
      jobId.current = null
    }
  }, [client, articleId, paragraphIds, to, engine, attempt])

  /** Tells the core which paragraphs are on screen, so they come next. */
  const showing = useCallback(
    (visible: string[]) => {
      if (jobId.current) void client.setVisibleParagraphs({ jobId: jobId.current, paragraphIds: visible }).catch(() => undefined)
    },
    [client],
  )

  const retranslate = useCallback(
    async (paragraphId: string) => {
      setParagraphs((previous) => previous.with([[paragraphId, { state: 'pending' }]]))
      try {
        const result = await client.retranslate({ id: articleId, paragraphId, to, engine })
        setParagraphs((previous) => previous.with([[paragraphId, { state: 'done', sentences: result.sentences }]]))
      } catch (error) {
        setParagraphs((previous) => previous.with([[paragraphId, { state: 'error', error: ClientError.from(error) }]]))
      }
    },
    [client, articleId, to, engine],
  )

  /** Starts over, as when an engine has become ready. */
  const retry = useCallback(() => setAttempt((count) => count + 1), [])

  /** Asks again, as after a glossary change: sentences it touches are translated afresh, the rest stay as shown. */
  const refresh = useCallback(() => {
    keepShown.current = true
    setAttempt((count) => count + 1)
  }, [])

  return { paragraphs, title, status, showing, retranslate, retry, refresh }
}

/** The engine an "engine cannot translate" error names, so the Engine menu shows the engine that was tried. */
function engineThatFailed(error: ErrorData): EngineId | null {
  const named = error.params?.engine
  return engineIds.find((id) => id === named) ?? null
}
