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

/**
 * The desktop app's calls, watched the same way: on a team server (reached through the main process) a call refused
 * as unauthenticated brings the chooser back.
 */
function watchedIpcApi(ipc: Api): Api {
  type Method = (input: unknown) => Promise<Result<unknown>>
  // A new object rather than a Proxy: the bridged API is frozen, and a Proxy may not hand out other functions.
  const domains = Object.entries(ipc as unknown as Record<string, Record<string, Method>>)
  const watched = domains.map(([name, actions]) => {
    const methods = Object.entries(actions).map(([action, method]) => {
      const watchedMethod: Method = async (input) => {
        const result = await method(input)
        if (!result.ok && result.error.code === 'unauthenticated' && `${name}:${action}` !== 'session:current')
          window.dispatchEvent(new Event(SIGNED_OUT_EVENT))
        return result
      }
      return [action, watchedMethod] as const
    })
    return [name, Object.fromEntries(methods)] as const
  })
  // The same keys as the bridged API, which the contract typed.
  return Object.fromEntries(watched) as unknown as Api
}

/** IPC through the preload in the desktop app, HTTP to the loopback server in web mode. */
export const api: Api = window.api ? watchedIpcApi(window.api) : httpApi()
export const transport: 'ipc' | 'http' = window.api ? 'ipc' : 'http'
/** The desktop app's workspace switch (local or a team server); absent in web mode and on a team server. */
export const desktop = window.desktop
