import { useEffect, useState } from 'react'

import { KEY_REFUSED_EVENT } from './api/client'
import { KeyRefusedPage } from './components/KeyRefusedPage'
import { MergeNotice } from './components/MergeNotice'
import { parseRoute } from './routes'
import { GlossaryScreen } from './screens/GlossaryScreen'
import { LibraryScreen } from './screens/LibraryScreen'
import { NotesScreen } from './screens/NotesScreen'
import { ReaderScreen } from './screens/ReaderScreen'
import { SettingsScreen } from './screens/SettingsScreen'
import { SettingsProvider } from './settings-context'

export function App() {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  const [keyRefused, setKeyRefused] = useState(false)

  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  useEffect(() => {
    const onRefused = () => setKeyRefused(true)
    window.addEventListener(KEY_REFUSED_EVENT, onRefused)
    return () => window.removeEventListener(KEY_REFUSED_EVENT, onRefused)
  }, [])

  // The browser host refused the page's key: one clear page, rather than errors beside screens that never load.
  if (keyRefused) return <KeyRefusedPage />

  return (
    <SettingsProvider>
      {route.screen === 'reader' && <ReaderScreen key={route.articleId} articleId={route.articleId} paragraphId={route.paragraphId} />}
      {route.screen === 'settings' && <SettingsScreen />}
      {route.screen === 'notes' && <NotesScreen />}
      {route.screen === 'glossary' && <GlossaryScreen />}
      {route.screen === 'library' && <LibraryScreen focusSearch={route.search} />}
      <MergeNotice />
    </SettingsProvider>
  )
}
