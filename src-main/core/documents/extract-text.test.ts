import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { extractTextInProcess } from './extract-in-process'
import { extractText, MAX_CONCURRENT_EXTRACTIONS, resolveWorkerEntry } from './extract-text'
import * as fx from './fixtures/generate-fixtures'

/** "code: message" of the AppError the promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`
    throw error
  }
  throw new Error('expected a rejection')
}

describe('extractText (worker thread)', () => {
  it('gives the same result as the in-process extraction', async () => {
    const pdf = await fx.onePageResumePdf()
    expect(await extractText(pdf, 'resume.pdf')).toEqual(await extractTextInProcess(pdf, 'resume.pdf'))
    const docx = await fx.resumeDocx()
    expect(await extractText(docx, 'resume.docx')).toEqual(await extractTextInProcess(docx, 'resume.docx'))
  })

  it('reads a small Buffer that lives in Node’s shared pool', async () => {
    const pooled = Buffer.from('Backend engineer wanted\n')
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length)
    expect((await extractText(pooled, 'note.txt')).text.trim()).toBe('Backend engineer wanted')
  })

  it('leaves the caller’s bytes intact', async () => {
    const bytes = await fx.onePageResumePdf()
    const before = Buffer.from(bytes)
    await extractText(bytes, 'resume.pdf')
    expect(Buffer.from(bytes).equals(before)).toBe(true)
  })

  it('accepts a small pooled Buffer, as decoded from base64, and leaves it intact', async () => {
    const bytes = Buffer.from(Buffer.from('Ana Silva\nana@example.org\n').toString('base64'), 'base64')
    const result = await extractText(bytes, 'ana.txt')
    expect(result.text).toContain('ana@example.org')
    expect(bytes.toString()).toBe('Ana Silva\nana@example.org\n')
  })

  it('terminates the worker when the time limit passes', async () => {
    expect(await failure(extractText(await fx.onePageResumePdf(), 'resume.pdf', { timeoutMs: 1 }))).toBe(
      'timeout: Reading "resume.pdf" took longer than 1 ms and was stopped.',
    )
  })

  it('stops the extraction process when its heap cap is reached', async () => {
    const heavy = fx.hugeBodyDocx(200_000)
    const f = await failure(extractText(heavy, 'heavy.docx', { maxHeapMb: 16, maxZipRatio: 1_000_000 }))
    expect(f).toBe(
      'too_large: "heavy.docx" is too large to read: reading it needed more than 16 MB of memory and was stopped.',
    )
  })

  it('can be cancelled while running, or before it starts', async () => {
    const controller = new AbortController()
    const heavy = fx.hugeBodyDocx(100_000)
    const running = extractText(heavy, 'heavy.docx', { signal: controller.signal, maxZipRatio: 1_000_000 })
    // Timers run after the worker has been created, long before it can have read this document.
    setTimeout(() => controller.abort(), 0)
    expect(await failure(running)).toMatch(/^cancelled: /)
    expect(await failure(extractText(new Uint8Array(10), 'a.txt', { signal: AbortSignal.abort() }))).toMatch(
      /^cancelled: /,
    )
  })

  it('queues extractions beyond the concurrency cap and runs them all', async () => {
    const pdf = await fx.onePageResumePdf()
    const results = await Promise.all(
      Array.from({ length: MAX_CONCURRENT_EXTRACTIONS + 2 }, () => extractText(pdf, 'resume.pdf')),
    )
    expect(new Set(results.map((r) => r.text)).size).toBe(1)
  })

  it('refuses an oversized file without starting a worker', async () => {
    expect(await failure(extractText(new Uint8Array(3 * 1024 * 1024), 'big.pdf', { maxBytes: 1024 * 1024 }))).toMatch(
      /^too_large: /,
    )
  })

  it('passes the worker’s error codes through', async () => {
    expect(await failure(extractText(fx.zipBombDocx(300, true), 'bomb.docx'))).toMatch(/^too_large: /)
    expect(await failure(extractText(fx.garbagePdf(), 'broken.pdf'))).toMatch(/^unreadable_file: /)
  })
})

describe('DOCX with external relationships', () => {
  let server: Server
  let requests: string[]
  let dir: string
  let secretUrl: string

  beforeAll(async () => {
    requests = []
    server = createServer((req, res) => {
      requests.push(req.url ?? '')
      res.end('SECRET-FROM-NETWORK')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    dir = mkdtempSync(join(tmpdir(), 'yardstick-extract-'))
    const secret = join(dir, 'secret.txt')
    writeFileSync(secret, 'SECRET-FROM-DISK')
    secretUrl = pathToFileURL(secret).href
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('never fetches linked images, templates or files', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const docx = await fx.externalRelationshipsDocx(base, secretUrl)
    for (const result of [await extractText(docx, 'linked.docx'), await extractTextInProcess(docx, 'linked.docx')]) {
      expect(result.kind).toBe('docx')
      expect(result.text).toContain(fx.fixturePerson.name)
      expect(result.text).toContain('Portfolio (local file)')
      expect(result.text).not.toMatch(/SECRET/)
      expect(result.hyperlinks).toEqual([fx.fixturePerson.github])
    }
    expect(requests).toEqual([])
  })
})

describe('resolveWorkerEntry', () => {
  it('uses the TypeScript sibling and the tsx loader when running from source', () => {
    const entry = resolveWorkerEntry(import.meta.url.replace(/[^/]+$/, 'extract-text.ts'))
    expect(entry.url.href).toBe(new URL('./extract-worker.ts', import.meta.url).href)
    expect(entry.execArgv[0]).toBe('--import')
    expect(entry.execArgv[1]).toMatch(/^file:.*tsx/)
  })

  it('uses out/main/extract-worker.js from the bundle, also from a chunk folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'yardstick-bundle-'))
    try {
      mkdirSync(join(out, 'main', 'chunks'), { recursive: true })
      writeFileSync(join(out, 'main', 'extract-worker.js'), '')
      const worker = pathToFileURL(join(out, 'main', 'extract-worker.js')).href
      expect(resolveWorkerEntry(pathToFileURL(join(out, 'main', 'index.js')).href)).toEqual({
        url: new URL(worker),
        execArgv: [],
      })
      expect(resolveWorkerEntry(pathToFileURL(join(out, 'main', 'chunks', 'extract-text-abc123.js')).href)).toEqual({
        url: new URL(worker),
        execArgv: [],
      })
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
