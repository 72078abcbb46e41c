import type { Channel, SessionDto } from '@contract'
import { useSession } from './team-queries'

/**
 * Whether the screens should offer what this channel does: the server's own list for the signed-in person
 * (`session:current`), or everything in a local workspace and while the session is not known yet. The server
 * refuses whatever this lets through by mistake; this only spares people buttons that cannot work.
 */
export const allows = (session: SessionDto | undefined, channel: Channel): boolean =>
  !session || session.channels === null || session.channels.includes(channel)

export function useCan(): (channel: Channel) => boolean {
  const session = useSession()
  return (channel) => allows(session, channel)
}
