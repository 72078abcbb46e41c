import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { ErrorCode, Result } from '@contract'
import type { ResolvedSession } from './core/accounts/service'
import { compress, MIN_COMPRESS_BYTES, pickEncoding, StaticFiles, type Encoding } from './compression'
import type { TeamRequest } from './handlers/context'
import type { ChangeFeed } from './live-changes'
import { CONTENT_SECURITY_POLICY } from './security'

/** Large enough for a résumé or a spreadsheet sent as base64, small enough to refuse abuse early. */
const MAX_BODY_BYTES = 64 * 1_048_576
export const TOKEN_HEADER = 'x-yardstick-token'

export interface WebServerOptions {
  port: number
  rendererDir: string
  /** `team` is given on a team server: the request's session, address and cookie setter. */
  dispatch: (channel: string, input: unknown, team?: TeamRequest) => Promise<Result<unknown>>
  /** Fixed only by tests; otherwise a fresh random token per launch. */
  token?: string
  /** A team server: people sign in and the session cookie replaces the per-launch token. */
  team?: TeamServerOptions
}

export interface TeamServerOptions {
  /** The address to listen on; loopback unless the operator says otherwise. */
  host: string
  /** Where browsers reach the server (the reverse proxy's address); https makes the cookie Secure. */
  publicUrl?: URL
  /** Behind a reverse proxy: the peer's address is the last one of X-Forwarded-For, not the proxy's own. */
  trustProxy?: boolean
  resolveSession(token: string | undefined): Promise<ResolvedSession | null>
  /** Whether a session is still valid, without counting the question as use (an open stream is no activity). */
  sessionValid(token: string): Promise<boolean>
  /** Where `GET /events` streams come from; closed with the server. */
  changes: ChangeFeed
}

const SESSION_COOKIE = 'yardstick_session'
/** The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and for Path=/. */
const SECURE_SESSION_COOKIE = '__Host-yardstick_session'

export interface WebServer {
  url: string
  /** The URL to open: it carries the token the renderer then sends with every call. */
  launchUrl: string
  port: number
  token: string
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
}

/** Vite names built assets `name-<hash>.ext`: such a file never changes, a new build gets a new name. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.(js|css|woff2?|ttf|svg|png)$/
/** JSON answers smaller than this go out as they are: compressing them costs more than it saves. */
const COMPRESS_JSON_FROM = 8 * 1024

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * Serves the built renderer and the handler table on 127.0.0.1 only. Every request must
 * name this server in Host (no DNS rebinding) and, when a browser sends one, in Origin
 * (no cross-site calls); every API call must carry the per-launch token.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  const expectedToken = Buffer.from(token)
  const team = options.team
  const secure = team?.publicUrl?.protocol === 'https:'
  const cookieName = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE
  let allowedHosts: Set<string> = new Set()
  let allowedOrigins: Set<string> = new Set()
  const files = new StaticFiles()

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[web]', error)
      if (!response.headersSent)
        send(response, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } })
      else response.destroy()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(response, 421, 'Unknown Host.')
    const origin = request.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return refuse(response, 403, 'Cross-origin requests are refused.')
    }
    // Browsers say where a request comes from: a call from anywhere but this site itself is refused (a link from
    // elsewhere may still open the app).
    const fetchSite = request.headers['sec-fetch-site']
    const reads = request.method === 'GET' || request.method === 'HEAD'
    if (!reads && fetchSite !== undefined && fetchSite !== 'same-origin') {
      return refuse(response, 403, 'Cross-site requests are refused.')
    }
    let url: URL
    let pathname: string
    try {
      url = new URL(request.url ?? '/', 'http://localhost')
      pathname = decodeURIComponent(url.pathname)
    } catch {
      return refuse(response, 400, 'The address is malformed (bad percent-encoding).', 'invalid_input')
    }
    if (pathname.startsWith('/api/')) return handleApi(request, response, pathname.slice(5))
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, 'Method not allowed.', 'invalid_input')
    if (pathname === '/events' && team && request.method === 'GET') return openEvents(request, response, team)
    return serveStatic(request, response, pathname)
  }

  /** A signed-in page's stream of "this domain changed" events (see live-changes.ts). */
  async function openEvents(request: IncomingMessage, response: ServerResponse, team: TeamServerOptions) {
    const token = readCookie(request.headers.cookie, cookieName)
    if (token === undefined || !(await team.sessionValid(token)))
      return refuse(response, 401, 'Sign in to continue.', 'unauthenticated')
    if (!team.changes.open(response, token, SECURITY_HEADERS))
      return refuse(response, 503, 'Too many open pages; they refresh on their own actions.', 'busy')
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    if (request.method !== 'POST') return refuse(response, 405, 'API calls use POST.', 'invalid_input')
    if (!team) {
      const presented = Buffer.from(String(request.headers[TOKEN_HEADER] ?? ''))
      if (presented.length !== expectedToken.length || !timingSafeEqual(presented, expectedToken)) {
        return refuse(response, 401, 'Missing or wrong token: open the URL printed when Yardstick started.')
      }
    }
    // A JSON content type cannot be sent cross-site without a preflight, which this server never grants.
    if (!isJsonContentType(request.headers['content-type'])) {
      return refuse(response, 415, 'API calls must send application/json.', 'invalid_input')
    }
    const body = await readBody(request)
    if (body === null)
      return refuse(response, 413, `The request is larger than ${MAX_BODY_BYTES / 1_048_576} MB.`, 'too_large')
    let input: unknown
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'))
    } catch {
      return send(response, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'The request body is not valid JSON.' },
      })
    }
    if (!team) return sendResult(request, response, 200, await options.dispatch(channel, input))
    let cookie: string | undefined
    const request_: TeamRequest = {
      address: peerAddress(request, team.trustProxy === true),
      session: await team.resolveSession(readCookie(request.headers.cookie, cookieName)),
      setSessionCookie: (token) => {
        cookie = sessionCookie(cookieName, token, secure)
      },
    }
    const result = await options.dispatch(channel, input, request_)
    const status = result.ok
      ? 200
      : result.error.code === 'unauthenticated'
        ? 401
        : result.error.code === 'rate_limited'
          ? 429
          : 200
    await sendResult(request, response, status, result, cookie === undefined ? {} : { 'Set-Cookie': cookie })
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    let relative = normalize(pathname).replace(/^([/\\])+/, '')
    if (relative.split(/[/\\]/).includes('..')) return refuse(response, 404, 'Not found.', 'not_found')
    let file = join(options.rendererDir, relative === '' ? 'index.html' : relative)
    if (!file.startsWith(options.rendererDir + sep)) return refuse(response, 404, 'Not found.', 'not_found')
    let entry
    try {
      entry = await files.get(file)
    } catch {
      // Unknown paths get the app: the renderer routes on the client.
      if (extname(file) !== '') return refuse(response, 404, 'Not found.', 'not_found')
      relative = 'index.html'
      file = join(options.rendererDir, relative)
      entry = await files.get(file)
    }
    const extension = extname(file) || '.html'
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      // A hashed asset is the same forever; everything else (index.html first) is checked on every load.
      'Cache-Control': HASHED_ASSET.test(relative.split(sep).join('/'))
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ETag: entry.etag,
      ...(entry.compressible ? { Vary: 'Accept-Encoding' } : {}),
    }
    if (request.headers['if-none-match'] === entry.etag) {
      response.writeHead(304, headers)
      return void response.end()
    }
    const encoding: Encoding = entry.compressible ? pickEncoding(request.headers['accept-encoding']) : 'identity'
    const body = await files.body(entry, encoding)
    response.writeHead(200, {
      ...headers,
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
      'Content-Length': String(body.length),
    })
    response.end(request.method === 'HEAD' ? undefined : body)
  }

  const host = team?.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const hostName = host.includes(':') ? `[${host}]` : host
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${hostName}:${port}`])
  if (team?.publicUrl) allowedHosts.add(team.publicUrl.host)
  allowedOrigins = new Set([...allowedHosts].map((name) => `http://${name}`))
  if (team?.publicUrl) allowedOrigins.add(team.publicUrl.origin)
  const url = `http://${hostName === '0.0.0.0' || hostName === '[::]' ? '127.0.0.1' : hostName}:${port}/`
  return {
    url,
    launchUrl: team ? url : `${url}?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        team?.changes.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** `application/json`, optionally with parameters (`; charset=utf-8`), and nothing that merely starts like it. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false
  const [type = '', ...parameters] = header.split(';')
  if (type.trim().toLowerCase() !== 'application/json') return false
  return parameters.every((parameter) => /^\s*charset\s*=\s*"?utf-8"?\s*$/i.test(parameter))
}

/** A call's answer, compressed when it is large and the client accepts it (the applicants page, reports). */
async function sendResult(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: Result<unknown>,
  headers: Record<string, string> = {},
): Promise<void> {
  const json = Buffer.from(JSON.stringify(body))
  const encoding =
    json.length >= Math.max(COMPRESS_JSON_FROM, MIN_COMPRESS_BYTES)
      ? pickEncoding(request.headers['accept-encoding'])
      : 'identity'
  // Quality 4 keeps a megabyte of JSON within a few milliseconds; the answer is made once, not cached.
  const content = encoding === 'identity' ? json : await compress(json, encoding, 4)
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
    ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
  })
  response.end(content)
}

function send(
  response: ServerResponse,
  status: number,
  body: Result<unknown>,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  response.end(JSON.stringify(body))
}

function refuse(response: ServerResponse, status: number, message: string, code: ErrorCode = 'forbidden'): void {
  send(response, status, { ok: false, error: { code, message } })
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) {
    request.resume()
    return null
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/** One cookie's value from a Cookie header; undefined when absent or given twice (a planted duplicate). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1))
  return values.length === 1 ? values[0] : undefined
}

/** HttpOnly (page scripts never see it), SameSite=Strict (no cross-site sends), Secure behind https. */
function sessionCookie(name: string, token: string | null, secure: boolean): string {
  const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/', ...(secure ? ['Secure'] : [])]
  return token === null
    ? [`${name}=`, 'Max-Age=0', ...attributes].join('; ')
    : [`${name}=${token}`, ...attributes].join('; ')
}

function peerAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined
  return (last || request.socket.remoteAddress) ?? 'unknown'
}
