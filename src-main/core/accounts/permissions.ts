import { contract } from '@contract'
import { permits } from '@contract/access'
import type { ChannelSpec } from '@contract/define'
import type { AccountRole } from '../db/schema'

const declared: [string, ChannelSpec][] = Object.entries(contract).flatMap(([domain, actions]) =>
  Object.entries<ChannelSpec>(actions).map(([action, spec]): [string, ChannelSpec] => [`${domain}:${action}`, spec]),
)

/**
 * The channels a signed-in person with these roles may call, as the contract declares them: the renderer reads
 * this list to offer only what the server would accept (it may not import the contract's declarations itself).
 */
export function channelsAllowed(roles: readonly AccountRole[]): string[] {
  return declared.filter(([, spec]) => permits(spec.access, roles)).map(([channel]) => channel)
}
