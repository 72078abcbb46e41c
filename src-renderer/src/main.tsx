import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/spotlight/styles.css'
import '@mantine/dropzone/styles.css'
import '@mantine/charts/styles.css'
import './i18n'
import { createRoot } from 'react-dom/client'
import { StrictMode } from 'react'
import { App } from './App'
import { Providers } from './Providers'
import { SessionGate } from './features/team/SessionGate'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Providers>
        <SessionGate>
          <App />
        </SessionGate>
      </Providers>
    </StrictMode>,
  )
}
