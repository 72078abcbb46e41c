import type { Api, Result } from '@contract'

const TOKEN_KEY = 'yardstick.token'
/** Fired when the team server says a call has no session: the sign-in page comes back. */
export const SIGNED_OUT_EVENT = 'yardstick:signed-out'

/** Web mode: the launch URL carries the token once; it is kept for this tab and removed from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.toString())
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function httpApi(): Api {
  const token = takeToken()
  const invoke = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-yardstick-token': token },
        body: JSON.stringify(input ?? {}),
      })
      const result = (await response.json()) as Result<unknown>
      if (!result.ok && result.error.code === 'unauthenticated' && channel !== 'session:current')
        window.dispatchEvent(new Event(SIGNED_OUT_EVENT))
      return result
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'Yardstick is not reachable. Is the web server still running?' },
      }
    }
  }
  const domain = (name: string) =>
    new Proxy({}, { get: (_target, action) => (input: unknown) => invoke(`${name}:${String(action)}`, input) })
  // Channel names are checked by the server; the Api type keeps callers honest at compile time.
  return new Proxy({}, { get: (_target, name) => domain(String(name)) }) as Api
}

/** IPC through the preload in the desktop app, HTTP to the loopback server in web mode. */
export const api: Api = window.api ?? httpApi()
export const transport: 'ipc' | 'http' = window.api ? 'ipc' : 'http'
