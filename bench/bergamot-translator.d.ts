/** The parts of @browsermt/bergamot-translator's translator.js (shipped without types) that bench/bergamot.ts uses. */
declare module '@browsermt/bergamot-translator/translator.js' {
  interface TranslatorOptions {
    workers?: number
    batchSize?: number
    cacheSize?: number
    useNativeIntGemm?: boolean
  }

  interface TranslationRequest {
    from: string
    to: string
    text: string
    html: boolean
    qualityScores: boolean
  }

  export class TranslatorBacking {
    constructor(options: TranslatorOptions)
  }

  export class BatchTranslator {
    constructor(options: TranslatorOptions, backing: TranslatorBacking)
    translate(request: TranslationRequest): Promise<{ target: { text: string } }>
    delete(): Promise<void>
  }
}
