import './zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createClient } from './api/client'
import { ClientProvider } from './api/context'
import { initI18n } from './i18n'
import './styles.css'

async function start(): Promise<void> {
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
