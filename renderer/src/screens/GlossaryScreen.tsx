import type { GlossaryEntry } from '@shared/shapes'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { useClient } from '../api/context'
import { AppHeader } from '../components/AppHeader'
import { ErrorBanner } from '../components/ErrorBanner'
import { SmallButton } from '../components/SmallButton'
import { UndoToast } from '../components/UndoToast'
import { GlossaryForm, type GlossaryWords } from '../glossary/GlossaryForm'
import { useCoreData } from '../hooks/useCoreData'
import { useCoreMessage } from '../i18n/core-messages'
import { useLanguageName } from '../settings/format'

/** The reader's corrections: each source → target for a pair of languages, edited or deleted (with undo) here. */
export function GlossaryScreen() {
  const { t } = useTranslation()
  const { entries, error, update, remove, restore } = useGlossary()
  const [editing, setEditing] = useState<string | null>(null)
  const [deleted, setDeleted] = useState<GlossaryEntry | null>(null)
  const expire = useCallback(() => setDeleted(null), [])

  return (
    <div className="screen glossary-screen">
      <AppHeader />
      <main className="notes-main">
        <h1 className="settings-title">{t('glossary.title')}</h1>
        <p className="muted glossary-intro">{t('glossary.intro')}</p>
        {error && <ErrorBanner message={error} />}
        {entries === null ? (
          <p className="muted">{t('glossary.loading')}</p>
        ) : entries.length === 0 ? (
          <p className="empty-state">{t('glossary.empty')}</p>
        ) : (
          <>
            <p className="section-heading">{t('glossary.count', { count: entries.length })}</p>
            <ul className="glossary-list">
              {entries.map((entry) =>
                editing === entry.id ? (
                  <li key={entry.id} className="glossary-entry">
                    <GlossaryForm
                      initial={{ source: entry.source, target: entry.target }}
                      sourceLang={entry.from}
                      targetLang={entry.to}
                      saveLabel={t('glossary.saveEntry')}
                      onSave={async (words) => {
                        await update(entry, words)
                        setEditing(null)
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </li>
                ) : (
                  <EntryRow
                    key={entry.id}
                    entry={entry}
                    onEdit={() => setEditing(entry.id)}
                    onDelete={() => void remove(entry).then((gone) => gone && setDeleted(entry))}
                  />
                ),
              )}
            </ul>
          </>
        )}
      </main>
      {deleted && (
        <UndoToast
          message={t('glossary.deleted')}
          onUndo={() => {
            setDeleted(null)
            void restore(deleted)
          }}
          onExpire={expire}
        />
      )}
    </div>
  )
}

function EntryRow({ entry, onEdit, onDelete }: { entry: GlossaryEntry; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  return (
    <li className="glossary-entry" data-testid="glossary-entry">
      <span className="glossary-words">
        <span lang={entry.from}>{entry.source}</span>
        <span aria-hidden="true"> → </span>
        <span lang={entry.to}>{entry.target}</span>
      </span>
      <span className="glossary-languages muted">
        {languageName(entry.from)} → {languageName(entry.to)}
      </span>
      <span className="glossary-actions">
        <SmallButton onClick={onEdit}>{t('glossary.edit')}</SmallButton>
        <SmallButton onClick={onDelete}>{t('glossary.delete')}</SmallButton>
      </span>
    </li>
  )
}

/** The glossary as the core keeps it, in the order of its source words, and the changes made to it here. */
function useGlossary() {
  const client = useClient()
  const wordError = useCoreMessage()
  const glossary = useCoreData((core) => core.listGlossary({}).then(bySource))
  const [changeError, setChangeError] = useState<string | null>(null)
  const error = changeError ?? (glossary.error && wordError(glossary.error))

  /** Runs a change, then shows the glossary as it now is; an error is shown and leaves the list as it was. */
  const change = async (run: () => Promise<unknown>): Promise<boolean> => {
    setChangeError(null)
    try {
      await run()
      await glossary.reload()
      return true
    } catch (e) {
      setChangeError(wordError(e))
      return false
    }
  }

  return {
    entries: glossary.data,
    error,
    update: async (entry: GlossaryEntry, words: GlossaryWords) => {
      // The form shows the error itself, and keeps what was typed.
      await client.updateGlossaryEntry({ id: entry.id, ...words })
      await glossary.reload()
    },
    remove: (entry: GlossaryEntry) => change(() => client.removeGlossaryEntry({ id: entry.id })),
    restore: ({ source, target, from, to }: GlossaryEntry) => change(() => client.addGlossaryEntry({ source, target, from, to })),
  }
}

function bySource(entries: GlossaryEntry[]): GlossaryEntry[] {
  return [...entries].sort((a, b) => a.source.localeCompare(b.source, a.from))
}
