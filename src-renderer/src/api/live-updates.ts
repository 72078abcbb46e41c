import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'

/** Queries a change elsewhere never touches: who is signed in (its own check), a running job (it polls). */
const UNTOUCHED = new Set(['session', 'jobs'])
/** A burst of changes (a bulk move, an import) becomes one round of refetches. */
const SETTLE_MS = 300

/** Marks every query stale; those on screen refetch at once, the others when next shown. */
export function refreshAll(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => !UNTOUCHED.has(String(query.queryKey[0])) })
}

/**
 * On a team server, listens to `GET /events` and refreshes what is on screen when someone else changes the
 * workspace. A domain's change can show on most pages (a rating moves the applicants table, the home page and the
 * reports), so every query is refreshed rather than a guessed subset. After a dropped connection the browser
 * reconnects by itself and the page refreshes in case it missed something; when the stream is refused (the
 * session ended) the session is checked again, which brings the sign-in page back.
 */
export function useLiveUpdates(enabled: boolean): void {
  const client = useQueryClient()
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return
    const source = new EventSource('/events')
    let timer: ReturnType<typeof setTimeout> | undefined
    let opened = false
    const refreshSoon = () => {
      clearTimeout(timer)
      timer = setTimeout(() => void refreshAll(client), SETTLE_MS)
    }
    source.addEventListener('changed', refreshSoon)
    source.addEventListener('open', () => {
      if (opened) refreshSoon()
      opened = true
    })
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) void client.invalidateQueries({ queryKey: ['session'] })
    })
    return () => {
      clearTimeout(timer)
      source.close()
    }
  }, [client, enabled])
}
