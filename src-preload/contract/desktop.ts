import { z } from 'zod'
import type { Result } from './result'
import type { SessionDto } from './session'

/**
 * The desktop app's own bridge, next to the contract but not part of it: which workspace the window shows (the
 * local data folder, or a team server the main process talks to) and the switch between them. A team server
 * never answers these; its channels are the contract's.
 */
export interface DesktopWorkspaceDto {
  kind: 'local' | 'team'
  /** The team server's address while one is open. */
  url: string | null
  /** Team servers joined before, most recent first (addresses only: no password or session is remembered). */
  recentTeamUrls: string[]
}

export const joinTeamInput = z
  .object({
    url: z.string().trim().min(1).max(2_000),
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(200),
  })
  .strict()
export type JoinTeamInput = z.input<typeof joinTeamInput>

export interface DesktopBridge {
  current(): Promise<Result<DesktopWorkspaceDto>>
  /** Signs in on the server at `url` (its `session:signIn`, forwarded); on success the window shows that workspace. */
  joinTeam(input: JoinTeamInput): Promise<Result<SessionDto>>
  /** Back to the local workspace; the team session is forgotten here. */
  openLocal(): Promise<Result<DesktopWorkspaceDto>>
}

export const desktopChannels = ['desktop:current', 'desktop:joinTeam', 'desktop:openLocal'] as const
export type DesktopChannel = (typeof desktopChannels)[number]
