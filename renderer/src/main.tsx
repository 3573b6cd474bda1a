// The reading fonts travel with the app (SIL Open Font License), so text looks the same on every system, offline.
import '@fontsource-variable/literata/opsz.css'
import '@fontsource-variable/literata/opsz-italic.css'
import '@fontsource-variable/source-sans-3/wght.css'
import '@fontsource-variable/source-sans-3/wght-italic.css'
import './styles.css'

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { adoptPaintStyles } from './annotations/paints'
import { createClient } from './api/client'
import { ClientProvider } from './api/context'
import { App } from './App'
import { initI18n } from './i18n'

async function start(): Promise<void> {
  adoptPaintStyles()
  await initI18n()
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ClientProvider client={createClient()}>
        <App />
      </ClientProvider>
    </StrictMode>,
  )
}

void start()
