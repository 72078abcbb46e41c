import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pickEncoding } from './compression'
import { tempDir } from './core/testing/temp-workspace'
import { startWebServer, TOKEN_HEADER, type WebServer } from './web'

const dir = tempDir()
let server: WebServer
// Text that compresses like a bundle does: repeated identifiers with some variety.
const bundle = Array.from(
  { length: 4_000 },
  (_, i) => `export const value${i} = compute(${i * 7} % ${(i % 13) + 1});`,
).join('\n')
const big = Array.from({ length: 2_000 }, (_, i) => ({ id: i, name: `Applicant ${i}`, stage: 'Screen' }))

beforeAll(async () => {
  mkdirSync(join(dir.path, 'assets'))
  writeFileSync(join(dir.path, 'index.html'), `<!doctype html><title>app</title>${'<!-- padding -->'.repeat(100)}`)
  writeFileSync(join(dir.path, 'assets', 'index-DdX2OD_Z.js'), bundle)
  writeFileSync(join(dir.path, 'assets', 'plain.js'), bundle)
  writeFileSync(join(dir.path, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  server = await startWebServer({
    port: 0,
    rendererDir: dir.path,
    token: 'a-test-token-long-enough-for-the-check-0123',
    dispatch: (channel) => Promise.resolve({ ok: true, data: channel === 'applications:list' ? big : { small: true } }),
  })
})
afterAll(async () => {
  await server.close()
  dir.remove()
})

function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method,
          path,
          headers: { host: `127.0.0.1:${server.port}`, ...headers },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
          )
        },
      )
      req.on('error', reject)
      req.end(body)
    },
  )
}

describe('compression and caching of the app', () => {
  it('picks brotli, then gzip, from Accept-Encoding, honouring q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip')
    expect(pickEncoding('*')).toBe('br')
    expect(pickEncoding('identity')).toBe('identity')
    expect(pickEncoding(undefined)).toBe('identity')
  })

  it('sends the bundle in brotli or gzip as asked, each decoding to the file, several times smaller', async () => {
    const br = await get('/assets/index-DdX2OD_Z.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(brotliDecompressSync(br.body).toString()).toBe(bundle)
    expect(br.body.length * 4).toBeLessThan(bundle.length)
    const gz = await get('/assets/index-DdX2OD_Z.js', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(bundle)
    const plain = await get('/assets/index-DdX2OD_Z.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(bundle)
    // A second request is served from memory: the same bytes.
    const again = await get('/assets/index-DdX2OD_Z.js', { 'accept-encoding': 'br' })
    expect(again.body.equals(br.body)).toBe(true)
    // A tiny file is not worth compressing.
    expect((await get('/favicon.svg', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined()
  })

  it('caches hashed assets for good and has index.html checked on every load', async () => {
    const asset = await get('/assets/index-DdX2OD_Z.js')
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await get('/assets/plain.js')).headers['cache-control']).toBe('no-cache')
    const index = await get('/', { 'accept-encoding': 'gzip' })
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(index.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(index.body).toString()).toContain('<title>app</title>')
    // A client route gets the app, with the same rule.
    expect((await get('/candidates/12')).headers['cache-control']).toBe('no-cache')
    const etag = String(index.headers.etag)
    const revalidated = await get('/', { 'if-none-match': etag })
    expect([revalidated.status, revalidated.body.length]).toEqual([304, 0])
    // A rebuilt index.html is a new ETag: the browser gets the new one.
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>new build</title>')
    const rebuilt = await get('/', { 'if-none-match': etag })
    expect([rebuilt.status, rebuilt.body.toString()]).toEqual([200, '<!doctype html><title>new build</title>'])
  })

  it('compresses a large JSON answer and leaves a small one as it is', async () => {
    const headers = {
      'content-type': 'application/json',
      [TOKEN_HEADER]: 'a-test-token-long-enough-for-the-check-0123',
      'accept-encoding': 'br, gzip',
    }
    const large = await get('/api/applications:list', headers, 'POST', '{}')
    expect(large.headers['content-encoding']).toBe('br')
    expect(JSON.parse(brotliDecompressSync(large.body).toString())).toEqual({ ok: true, data: big })
    const small = await get('/api/ladders:list', headers, 'POST', '{}')
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(small.body.toString())).toEqual({ ok: true, data: { small: true } })
  })
})
