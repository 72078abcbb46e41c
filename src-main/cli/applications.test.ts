import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApplicantPageDto, PostingSummaryDto } from '@contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as fx from '../core/documents/fixtures/generate-fixtures'
import { tempDir } from '../core/testing/temp-workspace'
import { runCaptured } from './captured'

const dir = tempDir()
const folder = join(dir.path, 'resumes')
let postingId = 0

async function cli(...args: string[]) {
  return runCaptured([...args, '--data-dir', join(dir.path, 'data')])
}

const applicants = async (...args: string[]) =>
  JSON.parse((await cli('applications', 'list', '--posting', String(postingId), ...args)).stdout) as ApplicantPageDto

beforeAll(async () => {
  expect((await cli('demo', 'init')).code).toBe(0)
  const postings = JSON.parse((await cli('postings', 'list')).stdout) as PostingSummaryDto[]
  postingId = postings[0]?.id ?? 0
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, 'elena.pdf'), await fx.onePageResumePdf())
  writeFileSync(
    join(folder, 'tomas.docx'),
    await fx.resumeDocx({
      name: 'Tomás Herrera',
      email: 'tomas.herrera@example.org',
      phoneShown: '+34 600 123 456',
      github: 'https://github.com/tomas-herrera-dev',
    }),
  )
  writeFileSync(join(folder, 'notes.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
})
afterAll(() => dir.remove())

describe('candidates import-folder --posting', () => {
  it('applies every résumé’s candidate to the posting, once however often the folder is imported', async () => {
    const imported = await cli('candidates', 'import-folder', folder, '--posting', String(postingId))
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({
      files: 3,
      created: 2,
      refused: [{ file: 'notes.png' }],
      posting: { id: postingId, title: 'Senior Backend Engineer II — Payments Platform' },
      applied: 2,
      alreadyApplied: 0,
    })
    expect((await applicants('--text', 'herrera')).rows).toMatchObject([
      { name: 'Tomás Herrera', email: 'tomas.herrera@example.org', stageName: 'Applied', status: 'active' },
    ])
    const again: unknown = JSON.parse(
      (await cli('candidates', 'import-folder', folder, '--posting', String(postingId))).stdout,
    )
    expect(again).toMatchObject({ created: 0, applied: 0, alreadyApplied: 2 })
    expect((await applicants('--text', 'varga')).total).toBe(1)

    const table = await cli(
      'applications',
      'list',
      '--posting',
      String(postingId),
      '--stage',
      'applied',
      '--sort',
      'name',
      '--format',
      'table',
    )
    expect(table.stdout).toMatch(/Elena Varga\s+elena\.varga@example\.org\s+Applied\s+active/)
    const stages = await cli('stages', 'list', '--posting', String(postingId), '--format', 'table')
    // The demo's four applicants in "Applied", and the two imported here.
    expect(stages.stdout).toMatch(/Applied\s+open\s+6\s+0\s+0\s+0/)
  })

  it('refuses a bad or unknown posting before importing anything', async () => {
    const fresh = join(dir.path, 'fresh')
    mkdirSync(fresh, { recursive: true })
    writeFileSync(join(fresh, 'maya.txt'), 'Maya Lindqvist\nmaya.lindqvist@example.com\nData Engineer')
    expect(await cli('candidates', 'import-folder', fresh, '--posting', 'abc')).toMatchObject({ code: 2 })
    const unknown = await cli('candidates', 'import-folder', fresh, '--posting', '999')
    expect(unknown).toMatchObject({ code: 1, stdout: '' })
    expect(unknown.stderr).toContain('Posting 999 does not exist.')
    const listed = JSON.parse((await cli('candidates', 'list', '--text', 'lindqvist')).stdout) as { total: number }
    expect(listed.total).toBe(0)
    expect(await cli('applications', 'list', '--posting', String(postingId), '--status', 'ghosted')).toMatchObject({
      code: 2,
    })
    const stage = await cli('applications', 'list', '--posting', String(postingId), '--stage', 'Nope')
    expect(stage).toMatchObject({ code: 1, stdout: '' })
    expect(stage.stderr).toContain(
      'No stage "Nope" in this posting; its stages are Applied, Screen, Interview, Offer, Hired.',
    )
  })
})

describe('applications add and message', () => {
  it("adds a candidate with the candidate's source, writes a rejection .eml, and refuses a wrong template", async () => {
    const created = JSON.parse(
      (await cli('candidates', 'create', '--name', 'Ayşe Demir', '--email', 'ayse@example.org', '--source', 'LinkedIn'))
        .stdout,
    ) as { id: number }
    const added = await cli('applications', 'add', '--posting', String(postingId), '--candidate', String(created.id))
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ candidateName: 'Ayşe Demir', source: 'LinkedIn' })
    const id = String((JSON.parse(added.stdout) as { id: number }).id)
    const out = join(dir.path, 'ayse.eml')
    const message = await cli('applications', 'message', '--application', id, '--template', 'offer_call', '--out', out)
    expect(message.code).toBe(0)
    const eml = readFileSync(out, 'utf8')
    expect(eml).toMatch(/^To: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <ayse@example\.org>\r$/m)
    const wrong = await cli('applications', 'message', '--application', id, '--template', 'hello', '--out', out)
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('--template: Must be one of rejection_after_screen')
  })
})
