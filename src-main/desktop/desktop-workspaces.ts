import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Result, SessionDto } from '@contract'
import { joinTeamInput, type DesktopChannel, type DesktopWorkspaceDto } from '@contract/desktop'
import { AppError } from '../core/errors'
import { validationError } from '../core/validation'
import { dispatch } from '../dispatch'
import type { HandlerContext } from '../handlers'
import { parseTeamUrl, RemoteWorkspace, type RemoteWorkspaceOptions } from './remote-workspace'

export const RECENT_TEAMS_FILE = 'team-servers.json'
const MAX_RECENT = 5

const recentFile = z.object({ recent: z.array(z.string().max(2_000)).max(50) })

/** Team servers joined before, kept in the data folder: addresses only, never a password or a session. */
export function readRecentTeams(dataDir: string): string[] {
  try {
    const parsed = recentFile.safeParse(JSON.parse(readFileSync(join(dataDir, RECENT_TEAMS_FILE), 'utf8')))
    if (!parsed.success) return []
    return parsed.data.recent
      .flatMap((text) => {
        try {
          return [parseTeamUrl(text).href]
        } catch {
          return []
        }
      })
      .slice(0, MAX_RECENT)
  } catch {
    return []
  }
}

function rememberTeam(dataDir: string, url: string): void {
  const recent = [url, ...readRecentTeams(dataDir).filter((known) => known !== url)].slice(0, MAX_RECENT)
  const file = join(dataDir, RECENT_TEAMS_FILE)
  // Renamed into place, so a crash mid-write never leaves half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ recent })}\n`)
  renameSync(`${file}.tmp`, file)
}

/**
 * Which workspace the desktop window shows: the local one (the handler table on the local database) or a team
 * server, whose calls the main process forwards. Every renderer call goes through `call`, so the switch is one
 * place and the renderer cannot pick a destination itself.
 */
export class DesktopWorkspaces {
  private remote: RemoteWorkspace | undefined

  constructor(
    private readonly local: HandlerContext,
    private readonly dataDir: string,
    private readonly remoteOptions: RemoteWorkspaceOptions = {},
  ) {}

  call(channel: string, input: unknown): Promise<Result<unknown>> {
    if (channel.startsWith('desktop:')) return this.desktop(channel as DesktopChannel, input)
    return this.remote ? this.remote.call(channel, input) : dispatch(channel, input, this.local)
  }

  current(): DesktopWorkspaceDto {
    return {
      kind: this.remote ? 'team' : 'local',
      url: this.remote?.url.href ?? null,
      recentTeamUrls: readRecentTeams(this.dataDir),
    }
  }

  private async desktop(channel: DesktopChannel, input: unknown): Promise<Result<unknown>> {
    if (channel === 'desktop:current') return { ok: true, data: this.current() }
    if (channel === 'desktop:openLocal') {
      this.remote?.forget()
      this.remote = undefined
      return { ok: true, data: this.current() }
    }
    if (channel === 'desktop:joinTeam') return this.joinTeam(input)
    return { ok: false, error: AppError.of('code_unknown_channel', { channel: String(channel).slice(0, 100) }).toDto() }
  }

  /** Signs in on the server first: the window switches only once the server has said yes. */
  private async joinTeam(input: unknown): Promise<Result<SessionDto>> {
    const parsed = joinTeamInput.safeParse(input)
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
    let url: URL
    try {
      url = parseTeamUrl(parsed.data.url)
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toDto() }
      throw error
    }
    const remote = new RemoteWorkspace(url, this.remoteOptions)
    const result = (await remote.call('session:signIn', {
      email: parsed.data.email,
      password: parsed.data.password,
    })) as Result<SessionDto>
    if (!result.ok) return result
    this.remote?.forget()
    this.remote = remote
    try {
      rememberTeam(this.dataDir, url.href)
    } catch {
      // The list is a convenience: a read-only data folder must not keep anyone from working.
    }
    return result
  }
}
