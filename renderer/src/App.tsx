import { type ComponentType, lazy, startTransition, Suspense, useEffect, useState } from 'react'

import { KEY_REFUSED_EVENT } from './api/client'
import { KeyRefusedPage } from './components/KeyRefusedPage'
import { MergeNotice } from './components/MergeNotice'
import { parseRoute } from './routes'
import { LibraryScreen } from './screens/LibraryScreen'
import { SettingsProvider } from './settings-context'

/** A screen of its own chunk, loaded the first time it is shown: the library, the first screen, loads without them. */
function lazyScreen<Name extends string, Props>(load: () => Promise<Record<Name, ComponentType<Props>>>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }))
}

const loadReader = () => import('./screens/ReaderScreen')
const ReaderScreen = lazyScreen(loadReader, 'ReaderScreen')
const SettingsScreen = lazyScreen(() => import('./screens/SettingsScreen'), 'SettingsScreen')
const NotesScreen = lazyScreen(() => import('./screens/NotesScreen'), 'NotesScreen')
const GlossaryScreen = lazyScreen(() => import('./screens/GlossaryScreen'), 'GlossaryScreen')

export function App() {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  const [keyRefused, setKeyRefused] = useState(false)

  useEffect(() => {
    // In a transition, the screen shown stays until the next one's chunk has loaded: nothing blinks or jumps.
    const onHashChange = () => startTransition(() => setRoute(parseRoute(window.location.hash)))
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  // The reader is where the library leads: its chunk is fetched once the app is idle.
  useEffect(() => {
    const idle = requestIdleCallback(() => void loadReader())
    return () => cancelIdleCallback(idle)
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
      <Suspense fallback={<div className="screen" aria-busy="true" />}>
        {route.screen === 'reader' && <ReaderScreen key={route.articleId} articleId={route.articleId} paragraphId={route.paragraphId} />}
        {route.screen === 'settings' && <SettingsScreen />}
        {route.screen === 'notes' && <NotesScreen />}
        {route.screen === 'glossary' && <GlossaryScreen />}
        {route.screen === 'library' && <LibraryScreen focusSearch={route.search} />}
      </Suspense>
      <MergeNotice />
    </SettingsProvider>
  )
}
