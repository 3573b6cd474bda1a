import { importBatchesOf } from '@shared/batches'
import { countOutcomes, type ImportOutcome, MAX_IMPORT_BYTES, notInFrench } from '@shared/shapes'
import i18next from 'i18next'
import { useState } from 'react'

import type { Client } from '../api/client'
import { ClientError } from '../api/client-error'

const ARTICLE_FILE = /\.(txt|text|md|markdown|html?|xhtml)$/i

export interface ImportProgress {
  done: number
  total: number
}

export interface ImportSummary {
  imported: number
  duplicates: number
  failed: ImportOutcome[]
  /** Articles imported in another language than French, for the summary to name. */
  notInFrench: ImportOutcome[]
  /** The one article imported, when exactly one was, so the UI can offer to open it. */
  single: ImportOutcome | null
}

/** Imports many files in batches through the contract, with progress, and sums up what happened. */
export function useBatchImport(client: Client) {
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [summary, setSummary] = useState<ImportSummary | null>(null)

  async function importFiles(files: File[], { onlyArticleFiles = false } = {}) {
    const chosen = onlyArticleFiles ? files.filter((file) => ARTICLE_FILE.test(file.name)) : files
    if (chosen.length === 0) return
    setSummary(null)
    setProgress({ done: 0, total: chosen.length })
    const outcomes: ImportOutcome[] = chosen.filter(isTooLarge).map((file) => ({
      fileName: displayName(file),
      status: 'failed' as const,
      error: { code: 'invalid_input' as const, message: i18next.t('library.tooLarge', { name: displayName(file) }) },
    }))
    try {
      for (const batch of importBatchesOf(
        chosen.filter((file) => !isTooLarge(file)),
        (file) => file.size,
      )) {
        const sent = await Promise.all(batch.map(async (file) => ({ fileName: displayName(file), base64: await toBase64(file) })))
        outcomes.push(...(await client.importFiles({ files: sent })))
        setProgress({ done: outcomes.length, total: chosen.length })
      }
    } catch (error) {
      const failure = ClientError.from(error)
      const sentNames = new Set(outcomes.map((outcome) => outcome.fileName))
      for (const file of chosen.filter((f) => !sentNames.has(displayName(f)))) {
        outcomes.push({ fileName: displayName(file), status: 'failed', error: failure })
      }
    } finally {
      setProgress(null)
    }
    setSummary(summarise(outcomes))
  }

  return { progress, summary, importFiles, dismissSummary: () => setSummary(null) }
}

function summarise(outcomes: ImportOutcome[]): ImportSummary {
  const { imported, duplicates } = countOutcomes(outcomes)
  return {
    imported,
    duplicates,
    failed: outcomes.filter((outcome) => outcome.status === 'failed'),
    notInFrench: notInFrench(outcomes),
    single: outcomes.length === 1 ? outcomes[0]! : null,
  }
}

function isTooLarge(file: File): boolean {
  return file.size > MAX_IMPORT_BYTES
}

function displayName(file: File): string {
  return file.webkitRelativePath || file.name
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
