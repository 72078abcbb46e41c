import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CandidateDetailDto, ErasureResultDto, RetentionListDto } from '@contract'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../core/testing/temp-workspace'
import { runCaptured } from './captured'

const dir = tempDir()
const data = join(dir.path, 'data')
afterAll(() => dir.remove())

async function cli(...args: string[]) {
  return runCaptured([...args, '--data-dir', data])
}

describe('privacy on the command line', () => {
  it('creates with consent, exports, refuses to erase without --yes, erases, and applies the retention policy', async () => {
    const created = await cli(
      'candidates',
      'create',
      '--name',
      'Oksana Wrzesniewska',
      '--email',
      'oksana.w@example.org',
      '--origin',
      'sourced',
      '--basis',
      'consent',
      '--consent-given',
      '2024-01-10',
      '--consent-expires',
      '2025-01-10',
    )
    expect(created.stderr).toBe('')
    const candidate = JSON.parse(created.stdout) as CandidateDetailDto
    expect(candidate.privacy).toMatchObject({
      origin: 'sourced',
      legalBasis: 'consent',
      consentExpiresOn: '2025-01-10',
    })
    const jsonOut = join(dir.path, 'access.json')
    expect((await cli('candidates', 'export-data', String(candidate.id), '--out', jsonOut)).code).toBe(0)
    expect(readFileSync(jsonOut, 'utf8')).toContain('oksana.w@example.org')
    const pdfOut = join(dir.path, 'zugang.pdf')
    const german = await cli('candidates', 'export-data', String(candidate.id), '--language', 'de', '--out', pdfOut)
    expect(german.code).toBe(0)
    const pdfText = execFileSync('pdftotext', [pdfOut, '-'], { encoding: 'utf8' })
    expect(pdfText).toContain('Einwilligung und Rechtsgrundlage')
    expect(pdfText).not.toContain('Consent and legal basis')
    // The consent expired long ago: due, and erased only with --yes (automatic application is off).
    const due = JSON.parse((await cli('privacy', 'due', '--format', 'json')).stdout) as RetentionListDto
    expect(due.entries).toMatchObject([{ candidateId: candidate.id, state: 'due', reason: 'consent_expired' }])
    const notApplied = JSON.parse((await cli('privacy', 'apply')).stdout) as { erased: unknown[]; due: number }
    expect(notApplied).toEqual({ erased: [], due: 1 })

    const refused = await cli('candidates', 'erase', String(candidate.id))
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--yes')

    const applied = JSON.parse((await cli('privacy', 'apply', '--yes')).stdout) as { erased: ErasureResultDto[] }
    expect(applied.erased).toMatchObject([{ candidateId: candidate.id, name: `Erased candidate #${candidate.id}` }])
    const shown = JSON.parse((await cli('candidates', 'show', String(candidate.id))).stdout) as CandidateDetailDto
    expect(shown).toMatchObject({ name: `Erased candidate #${candidate.id}`, emails: [] })
    expect(JSON.stringify(shown)).not.toContain('Oksana')
  }, 300_000)
})
