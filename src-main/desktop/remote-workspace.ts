import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import { z } from 'zod'
import { contract, type Result } from '@contract'
import type { ChannelSpec } from '@contract/define'
import { errorCodes } from '@contract/error-codes'
import { AppError } from '../core/errors'
import { validationError } from '../core/validation'

/** Generous for a page of applicants or a résumé sent back as base64, small enough to bound the main process. */
export const MAX_RESPONSE_BYTES = 64 * 1_048_576
/** Long enough for a report or an import on a busy server, short enough that a dead link is told apart. */
export const CALL_TIMEOUT_MS = 30_000

export interface RemoteWorkspaceOptions {
  timeoutMs?: number
  maxResponseBytes?: number
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A team server's address as typed by a person. https only: the password and the session cross the network.
 * Plain http is accepted for a server on this very computer (a trial, or a tunnel to the real one), where nothing
 * leaves the machine and no certificate can be had.
 */
export function parseTeamUrl(text: string): URL {
  const trimmed = text.trim()
  const url = URL.canParse(trimmed) ? new URL(trimmed) : undefined
  const value = trimmed.slice(0, 200)
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username !== '' || url.password !== '')
    throw AppError.of('team_url_invalid', { value })
  if (url.protocol === 'http:' && !LOOPBACK_NAMES.has(url.hostname) && !isLoopbackV4(url.hostname))
    throw AppError.of('team_url_insecure', { value })
  // The server answers at its root (`/api/<channel>`); a query or fragment would only be noise in the recent list.
  return new URL(url.origin + url.pathname.replace(/\/*$/, '/'))
}

function isLoopbackV4(hostname: string): boolean {
  return isIP(hostname) === 4 && hostname.startsWith('127.')
}

const channelSpecs = new Map<string, ChannelSpec>()
for (const [domain, actions] of Object.entries(contract))
  for (const [action, spec] of Object.entries<ChannelSpec>(actions)) channelSpecs.set(`${domain}:${action}`, spec)

/** The same gate as a local call: an unknown channel or an input the contract refuses never leaves the machine. */
export function checkCall(channel: string, input: unknown): Result<never> | null {
  const spec = channelSpecs.get(channel)
  if (!spec)
    return { ok: false, error: AppError.of('code_unknown_channel', { channel: channel.slice(0, 100) }).toDto() }
  const parsed = spec.input.safeParse(input === undefined ? {} : input)
  return parsed.success ? null : { ok: false, error: validationError(parsed.error) }
}

/** What a Yardstick server sends back; anything else (a proxy's error page, another site) is not passed on. */
const envelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.looseObject({ code: z.enum(errorCodes), message: z.string().max(10_000) }),
  }),
])

/**
 * The desktop app's link to a team server: the renderer's calls are forwarded by the main process, which alone holds
 * the session cookie (in memory only: a restart asks to sign in again, and no secret is written to disk). Only the
 * result envelope goes back to the renderer, never a header.
 */
export class RemoteWorkspace {
  private cookie: string | undefined
  private readonly timeoutMs: number
  private readonly maxResponseBytes: number

  constructor(
    readonly url: URL,
    options: RemoteWorkspaceOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? CALL_TIMEOUT_MS
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES
  }

  get hasSession(): boolean {
    return this.cookie !== undefined
  }

  /** Drops the session here (signing out on the server is `session:signOut`). */
  forget(): void {
    this.cookie = undefined
  }

  async call(channel: string, input: unknown): Promise<Result<unknown>> {
    const refused = checkCall(channel, input)
    if (refused) return refused
    try {
      const result = await this.post(channel, JSON.stringify(input ?? {}))
      if (!result.ok && result.error.code === 'unauthenticated') this.cookie = undefined
      return result
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toDto() }
      return { ok: false, error: AppError.of('code_internal').toDto() }
    }
  }

  private post(channel: string, body: string): Promise<Result<unknown>> {
    const server = this.url.origin
    const target = new URL(`api/${encodeURIComponent(channel)}`, this.url)
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise((resolve, reject) => {
      let settled = false
      const finish = (outcome: Result<unknown> | AppError) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (outcome instanceof AppError) reject(outcome)
        else resolve(outcome)
      }
      const request = send(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          accept: 'application/json',
          ...(this.cookie ? { cookie: this.cookie } : {}),
        },
      })
      // One deadline for the whole call (connect, send, answer), not per socket event: a trickling server is cut too.
      const timer = setTimeout(() => {
        finish(AppError.of('team_server_no_answer', { server, seconds: Math.round(this.timeoutMs / 100) / 10 }))
        request.destroy()
      }, this.timeoutMs)
      request.on('error', (error: NodeJS.ErrnoException) => {
        finish(AppError.of('team_server_unreachable', { server, detail: error.code ?? 'network error' }))
      })
      request.on('response', (response) => {
        this.readAnswer(response, server).then(finish, (error: unknown) => {
          finish(error instanceof AppError ? error : AppError.of('code_internal'))
          request.destroy()
        })
      })
      request.end(body)
    })
  }

  private async readAnswer(response: IncomingMessage, server: string): Promise<Result<unknown>> {
    const status = response.statusCode ?? 0
    const bad = () => AppError.of('team_server_bad_answer', { server, status })
    const declared = Number(response.headers['content-length'] ?? 0)
    const tooLarge = () =>
      AppError.of('team_server_answer_too_large', { megabytes: Math.round(this.maxResponseBytes / 1_048_576) })
    if (declared > this.maxResponseBytes) throw tooLarge()
    if (!String(response.headers['content-type'] ?? '').startsWith('application/json')) throw bad()
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response) {
      const buffer = chunk as Buffer
      size += buffer.length
      if (size > this.maxResponseBytes) throw tooLarge()
      chunks.push(buffer)
    }
    let parsed: z.infer<typeof envelope>
    try {
      parsed = envelope.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')))
    } catch {
      throw bad()
    }
    this.keepCookie(response.headers['set-cookie'])
    return parsed
  }

  /** The server sets one session cookie on sign-in and clears it (empty, Max-Age=0) on sign-out. */
  private keepCookie(headers: string[] | undefined): void {
    for (const header of headers ?? []) {
      const [pair = ''] = header.split(';')
      const separator = pair.indexOf('=')
      if (separator <= 0) continue
      const value = pair.slice(separator + 1).trim()
      const cleared = value === '' || /;\s*max-age=0\s*(;|$)/i.test(header)
      this.cookie = cleared ? undefined : `${pair.slice(0, separator).trim()}=${value}`
    }
  }
}
