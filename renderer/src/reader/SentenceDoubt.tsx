import type { SentencePair } from '@shared/shapes'
import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useClosingOutside } from '../hooks/useClosingOutside'

/**
 * The quiet mark after a sentence the engine is unsure of (words left untranslated, or two ways that disagree):
 * a small button that opens, under the line, why, and the other way's translation.
 */
export function SentenceDoubt({ pair, targetLang }: { pair: SentencePair; targetLang: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const id = useId()
  const wrapper = useRef<HTMLSpanElement>(null)
  const close = useCallback(() => setOpen(false), [])
  // Names the engine does not know stay as written: only other words were left untranslated.
  const wordsLeft = (pair.unknownWords ?? []).filter((word) => !/^\p{Lu}/u.test(word))
  const toggle = () => setOpen((shown) => !shown)
  useClosingOutside(open, wrapper, close)

  return (
    <span className="doubt" ref={wrapper}>
      {/* A span, not a button: a button is an atomic inline the line may break before, leaving the mark alone. */}
      <span
        role="button"
        tabIndex={0}
        className="doubt-marker"
        data-testid="doubt-marker"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={t('doubt.marker')}
        title={t('doubt.marker')}
        onClick={toggle}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return
          event.preventDefault()
          toggle()
        }}
      >
        ?
      </span>
      {open && (
        <span className="doubt-popover" id={id} role="note" data-testid="doubt-popover">
          {pair.route && pair.routeReason && isPivotRoute(pair.route) && (
            <span className="doubt-line" data-testid="doubt-chosen">
              {t('doubt.chosen', { route: t(`doubt.routeName.${pivotOf(pair.route)}`), reason: t(`doubt.reason.${pair.routeReason}`) })}
            </span>
          )}
          {wordsLeft.length > 0 && <span className="doubt-line">{t('doubt.unknownWords', { words: wordsLeft.join(', ') })}</span>}
          {pair.alternative && (
            <span className="doubt-line">
              <span className="doubt-route">{routeName(pair.alternative.route, t)}</span>{' '}
              <span lang={targetLang}>{pair.alternative.target}</span>
            </span>
          )}
        </span>
      )}
    </span>
  )
}

/** "fr-ca-en" → "Via Catalan:", in the UI language; another engine's way by its plain name. */
function routeName(route: string, t: ReturnType<typeof useTranslation>['t']): string {
  return isPivotRoute(route) ? t(`doubt.via.${pivotOf(route)}`) : t('doubt.otherRoute')
}

const pivotOf = (route: string) => route.split('-')[1]
const isPivotRoute = (route: string) => ['ca', 'es'].includes(pivotOf(route) ?? '')
