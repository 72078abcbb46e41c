import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './core/testing/temp-workspace'
import { startWebServer, TOKEN_HEADER, type WebServer } from './web'

const dir = tempDir()
let server: WebServer
const calls: { channel: string; input: unknown }[] = []

beforeAll(async () => {
  mkdirSync(join(dir.path, 'assets'))
  writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(dir.path, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir.path, '..', 'secret.txt'), 'not for you')
  server = await startWebServer({
    port: 0,
    rendererDir: dir.path,
    dispatch: (channel, input) => {
      calls.push({ channel, input })
      return Promise.resolve({ ok: true, data: { echoed: channel } })
    },
  })
})
afterAll(async () => {
  await server.close()
  dir.remove()
})

/** Raw HTTP, so tests can send any Host and Origin a hostile page could. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const apiCall = (headers: Record<string, string>, body = '{}') =>
  send({ method: 'POST', path: '/api/ladders:list', headers: { 'content-type': 'application/json', ...headers }, body })

describe('loopback web mode', () => {
  it('listens on 127.0.0.1 only and hands out a launch URL with its token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
    expect(server.launchUrl).toBe(`${server.url}?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(40)
  })

  it('answers API calls that carry the token', async () => {
    const response = await apiCall({ [TOKEN_HEADER]: server.token, origin: server.url.slice(0, -1) })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ ok: true, data: { echoed: 'ladders:list' } })
  })

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { [TOKEN_HEADER]: 'guess' }, 401],
    ['a foreign Origin', { origin: 'https://evil.example' }, 403],
    ['a foreign Host', { host: 'evil.example' }, 421],
    ['a rebinding Host on our port', { host: 'evil.example:1234' }, 421],
  ])('refuses a call with %s before running anything', async (_case, headers: Record<string, string>, status) => {
    const before = calls.length
    const withToken =
      'x-yardstick-token' in headers || status === 401 ? headers : { [TOKEN_HEADER]: server.token, ...headers }
    const response = await apiCall(withToken)
    expect(response.status).toBe(status)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(calls.length).toBe(before)
  })

  it('refuses form posts, which a foreign page could send without a preflight', async () => {
    const response = await send({
      method: 'POST',
      path: '/api/ladders:list',
      headers: { [TOKEN_HEADER]: server.token, 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(response.status).toBe(415)
  })

  it('reports malformed JSON as invalid input', async () => {
    const response = await apiCall({ [TOKEN_HEADER]: server.token }, '{"name":')
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('serves the app with a strict CSP and never files outside its folder', async () => {
    const index = await send({ path: '/' })
    expect(index.status).toBe(200)
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(index.headers['x-frame-options']).toBe('DENY')
    expect((await send({ path: '/assets/app.js' })).body).toBe('console.log(1)')
    expect((await send({ path: '/../secret.txt' })).body).not.toContain('not for you')
    expect((await send({ path: '/%2e%2e/secret.txt' })).status).toBe(404)
    expect((await send({ path: '/ladders/1' })).body).toContain('<title>app</title>')
  })

  it.each(['/%E0%A4%A', '/api/ladders%3Alist%E0%A4%A', '/%'])(
    'answers malformed percent-encoding in %s with 400, not 500',
    async (path) => {
      const response = await send({
        method: path.startsWith('/api/') ? 'POST' : 'GET',
        path,
        headers: { [TOKEN_HEADER]: server.token, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(400)
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    },
  )

  it.each(['application/jsonfoo', 'application/json-patch', 'application/json; charset=latin1', 'text/json'])(
    'refuses the content type %s as not JSON',
    async (contentType) => {
      const before = calls.length
      const response = await send({
        method: 'POST',
        path: '/api/ladders:list',
        headers: { [TOKEN_HEADER]: server.token, 'content-type': contentType },
        body: '{}',
      })
      expect(response.status).toBe(415)
      expect(calls.length).toBe(before)
    },
  )

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"'])(
    'accepts the content type %s',
    async (contentType) => {
      const response = await send({
        method: 'POST',
        path: '/api/ladders:list',
        headers: { [TOKEN_HEADER]: server.token, 'content-type': contentType },
        body: '{}',
      })
      expect(response.status).toBe(200)
    },
  )
})
