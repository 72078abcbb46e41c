import type { Services } from './core/services'
import { dispatch } from './dispatch'
import { ChangeFeed, changedDomain, endsSessions } from './live-changes'
import { startWebServer, type WebServer } from './web'

export interface TeamServerOptions {
  services: Services
  rendererDir: string
  host: string
  port: number
  publicUrl?: URL
  trustProxy?: boolean
  /** Tests shorten it; 15 s otherwise. */
  heartbeatMs?: number
}

/**
 * The loopback web mode plus accounts: the same handler table and the built app, with a session cookie instead
 * of a per-launch token. Each call runs as the person its session names (`dispatch` refuses one without). After
 * every successful write, open pages hear which domain changed and refetch what they show.
 */
export function startTeamServer(options: TeamServerOptions): Promise<WebServer> {
  const { services } = options
  const changes = new ChangeFeed({
    stillValid: async (token) => (await services.accounts.resolve(token, { touch: false })) !== null,
    heartbeatMs: options.heartbeatMs,
  })
  return startWebServer({
    port: options.port,
    rendererDir: options.rendererDir,
    team: {
      host: options.host,
      publicUrl: options.publicUrl,
      trustProxy: options.trustProxy,
      resolveSession: (token) => services.accounts.resolve(token),
      sessionValid: async (token) => (await services.accounts.resolve(token, { touch: false })) !== null,
      changes,
    },
    dispatch: async (channel, input, team) => {
      const result = await dispatch(channel, input, { services, caller: team?.session?.caller ?? null, team })
      if (result.ok) {
        const domain = changedDomain(channel)
        if (domain !== null) changes.publish(domain, team?.session?.tokenHash)
        if (endsSessions(channel)) await changes.recheck()
      }
      return result
    },
  })
}
