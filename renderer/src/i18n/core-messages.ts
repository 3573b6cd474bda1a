import type { ErrorData } from '@shared/errors'
import type { MessageParams } from '@shared/messages'
import type { i18n as I18n } from 'i18next'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'

import { ClientError } from '../api/client-error'
import { languageInSentence } from '../settings/format'

type WordedByCore = Pick<ErrorData, 'message' | 'messageCode' | 'params'>

/** Parameters that are language codes, said as the UI language names them. */
const LANGUAGE_PARAMS = new Set(['from', 'to', 'language'])

/** A message from the core (an engine's fix, an error) in the UI language; one without a code keeps its English. */
export function wordCoreMessage(i18n: I18n, { message, messageCode, params }: WordedByCore): string {
  if (!messageCode) return message
  return i18n.t(`core.${messageCode}`, { ...wordedParams(i18n, params ?? {}), defaultValue: message })
}

function wordedParams(i18n: I18n, params: MessageParams): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (LANGUAGE_PARAMS.has(name)) return [name, languageInSentence(value, i18n.language)]
      if (name === 'engine') return [name, i18n.t(`engines.${value}`, { defaultValue: value })]
      return [name, value]
    }),
  )
}

/**
 * Words a message from the core (an engine's fix) or anything a client call threw: the core's in the UI language,
 * anything else as it is.
 */
export function useCoreMessage(): (said: unknown) => string {
  const { i18n } = useTranslation()
  // One function for the component's life (it words in the language of the moment), so effects may depend on it.
  return useCallback((said: unknown) => wordCoreMessage(i18n, isCoreMessage(said) ? said : ClientError.from(said)), [i18n])
}

function isCoreMessage(said: unknown): said is WordedByCore {
  return typeof said === 'object' && said !== null && typeof (said as WordedByCore).message === 'string' && 'messageCode' in said
}
