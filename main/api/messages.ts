/**
 * Messages the core sends to a person: English words for the CLI and the logs, and a code with parameters that
 * the renderer words in the UI language. Parameters named `from`, `to` and `language` are ISO 639-1 codes.
 */
export const messageCodes = [
  'bergamot_needs_model',
  'bergamot_missing',
  'bergamot_no_model_for_pair',
  'apertium_not_installed',
  'libretranslate_no_address',
  'libretranslate_bad_address',
  'libretranslate_no_languages',
  'libretranslate_unreachable',
  'libretranslate_no_pair',
  'no_engine_for_pair',
  'engine_cannot_translate_pair',
  'article_already_in_language',
  'file_from_newer_version',
  'page_nested_too_deep',
  'page_too_large',
  'page_too_large_to_read',
  'page_too_slow',
  'private_address',
] as const

export type MessageCode = (typeof messageCodes)[number]

export type MessageParams = Record<string, string>

export interface CoreMessage {
  messageCode: MessageCode
  params?: MessageParams
  /** The English wording, as the CLI prints it. */
  message: string
}
