import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core'
import { ModalsProvider } from '@mantine/modals'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Router } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { queryClient } from './api/query'
import { theme } from './theme'

const colorSchemeManager = localStorageColorSchemeManager({ key: 'yardstick.color-scheme' })

export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <ModalsProvider>
          <Notifications position="bottom-right" />
          {/* Hash routing works the same from file:// in the desktop app and over HTTP in web mode. */}
          <Router hook={useHashLocation}>{children}</Router>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  )
}
