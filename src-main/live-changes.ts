import type { ServerResponse } from 'node:http'
import { hashToken } from './core/accounts/service'

/**
 * Actions that only read: a call to one of them changes nothing another person could see. Any other action
 * counts as a write, so a channel added later refreshes screens rather than leaving them stale.
 */
const READ_ACTIONS: ReadonlySet<string> = new Set([
  'audit',
  'backups',
  'calibration',
  'compare',
  'compose',
  'consent',
  'current',
  'debrief',
  'documentFile',
  'documentText',
  'download',
  'drilldown',
  'export',
  'exportData',
  'exportExternal',
  'externalKit',
  'externalList',
  'facets',
  'findDuplicates',
  'get',
  'heatmap',
  'info',
  'kit',
  'list',
  'mine',
  'packet',
  'parse',
  'plan',
  'policy',
  'reference',
  'retention',
  'run',
  'search',
  'sources',
  'suggestions',
  'summary',
  'tablePrefs',
])

/** Writes nobody else sees: one person's table layout, their own sign-in, an upload waiting for its preview. */
const PRIVATE_WRITES: ReadonlySet<string> = new Set([
  'workspace:saveTablePrefs',
  'session:signIn',
  'session:signOut',
  'session:signOutEverywhere',
  'candidates:csvUpload',
  'candidates:csvPreview',
])

/** The domain other people's screens should refresh after a successful call of `channel`; null for none. */
export function changedDomain(channel: string): string | null {
  const [domain = '', action = ''] = channel.split(':')
  if (READ_ACTIONS.has(action) || PRIVATE_WRITES.has(channel)) return null
  return domain
}

/** Calls that may end sessions: the streams of an ended session must close at once, not at the next beat. */
export const endsSessions = (channel: string): boolean =>
  channel.startsWith('session:signOut') || /^accounts:(disable|resetPassword|setRoles)$/.test(channel)

export interface ChangeFeedOptions {
  /** Whether the session a stream was opened with is still valid; must not extend its idle time. */
  stillValid(token: string): Promise<boolean>
  /** A comment line this often keeps proxies from closing an idle stream and finds ended sessions. */
  heartbeatMs?: number
  /** Tabs of one session; the oldest stream closes when one more opens (a reloaded tab's stream may linger). */
  perSession?: number
  /** All streams together: beyond that a new one is refused (503) and the page falls back to its own reloads. */
  total?: number
}

interface Stream {
  token: string
  /** The session's stored form, to leave out the session whose own write an event reports. */
  tokenHash: string
  response: ServerResponse
}

/** A stream whose client stopped reading is dropped rather than letting its buffer grow. */
const MAX_BUFFERED_BYTES = 64 * 1024

/**
 * Server-sent events telling every open page which domain just changed, so it refetches what it shows. A message
 * names a domain only, never ids or names: it tells nobody anything their role may not read.
 */
export class ChangeFeed {
  private readonly streams = new Set<Stream>()
  private readonly timer: NodeJS.Timeout
  private readonly perSession: number
  private readonly total: number

  constructor(private readonly options: ChangeFeedOptions) {
    this.perSession = options.perSession ?? 8
    this.total = options.total ?? 2_000
    this.timer = setInterval(() => void this.beat(), options.heartbeatMs ?? 15_000)
    this.timer.unref()
  }

  get size(): number {
    return this.streams.size
  }

  /** Takes over `response` as an event stream; false (nothing written) when the server holds too many. */
  open(response: ServerResponse, token: string, headers: Record<string, string>): boolean {
    const mine = [...this.streams].filter((stream) => stream.token === token)
    if (mine.length >= this.perSession) this.end(mine[0] as Stream)
    else if (this.streams.size >= this.total) return false
    const stream: Stream = { token, tokenHash: hashToken(token), response }
    this.streams.add(stream)
    response.on('close', () => this.streams.delete(stream))
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Proxies that buffer responses (nginx) would hold the events back.
      'X-Accel-Buffering': 'no',
    })
    response.write('retry: 3000\n\n')
    return true
  }

  /**
   * Tells every stream but those of the session that made the change: its page already refreshes what its own
   * write touched, and a refetch under a form being filled (a scorecard's autosave) would only disturb it.
   */
  publish(domain: string, fromTokenHash?: string): void {
    this.send(`event: changed\ndata: ${JSON.stringify({ domain })}\n\n`, fromTokenHash)
  }

  /** Closes the streams whose session has ended (signed out, disabled, expired). */
  async recheck(): Promise<void> {
    const byToken = new Map<string, Stream[]>()
    for (const stream of this.streams) byToken.set(stream.token, [...(byToken.get(stream.token) ?? []), stream])
    for (const [token, streams] of byToken) {
      const valid = await this.options.stillValid(token).catch(() => false)
      if (!valid) for (const stream of streams) this.end(stream)
    }
  }

  close(): void {
    clearInterval(this.timer)
    for (const stream of this.streams) this.end(stream)
  }

  private async beat(): Promise<void> {
    this.send(': beat\n\n')
    await this.recheck()
  }

  private send(text: string, exceptTokenHash?: string): void {
    for (const stream of this.streams) {
      if (stream.tokenHash === exceptTokenHash) continue
      if (stream.response.writableLength > MAX_BUFFERED_BYTES) this.end(stream)
      else stream.response.write(text)
    }
  }

  private end(stream: Stream): void {
    this.streams.delete(stream)
    stream.response.end()
  }
}
