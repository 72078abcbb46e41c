import type { Services } from './core/services'
import { dispatch } from './dispatch'
import { startWebServer, type WebServer } from './web'

export interface TeamServerOptions {
  services: Services
  rendererDir: string
  host: string
  port: number
  publicUrl?: URL
  trustProxy?: boolean
}

/**
 * The loopback web mode plus accounts: the same handler table and the built app, with a session cookie instead
 * of a per-launch token. Each call runs as the person its session names (`dispatch` refuses one without).
 */
export function startTeamServer(options: TeamServerOptions): Promise<WebServer> {
  const { services } = options
  return startWebServer({
    port: options.port,
    rendererDir: options.rendererDir,
    team: {
      host: options.host,
      publicUrl: options.publicUrl,
      trustProxy: options.trustProxy,
      resolveSession: (token) => services.accounts.resolve(token),
    },
    dispatch: (channel, input, team) =>
      dispatch(channel, input, { services, caller: team?.session?.caller ?? null, team }),
  })
}
