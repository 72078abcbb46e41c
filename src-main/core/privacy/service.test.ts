import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import dayjs from 'dayjs'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { lastDayDue } from './service'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
  const me = await workspace.services.workspace.createPerson({ name: 'Rae Okafor', email: null, role: 'recruiter' })
  await workspace.services.workspace.setMe(me.id)
})
afterEach(() => workspace.dispose())

const blank = { emails: [], phones: [], links: [], location: '', source: '', tags: [], ifDuplicate: 'create' as const }
const daysAgo = (days: number) => dayjs().subtract(days, 'day').toISOString()

async function lastActive(
  name: string,
  at: string,
  consent?: Parameters<TestWorkspace['services']['candidates']['create']>[0]['consent'],
) {
  const created = await workspace.services.candidates.create({ ...blank, name, ...(consent ? { consent } : {}) })
  await sql`UPDATE candidates SET updated_at = ${at} WHERE id = ${created.id}`.execute(workspace.context.db)
  return created.id
}

describe('retention on a fixed clock', () => {
  it("counts from the clock's today and stamps the clock's time on what it records", async () => {
    const clock = fixedClock('2027-06-01T10:00:00.000Z')
    const fixed = await openTestWorkspace({ clock })
    try {
      const { candidates, privacy } = fixed.services
      const created = await candidates.create({ ...blank, name: 'Ilse Varga' })
      expect((await privacy.retention()).entries).toEqual([])
      clock.set('2028-05-20T10:00:00.000Z')
      expect((await privacy.retention()).entries).toEqual([])
      clock.set('2028-06-10T10:00:00.000Z')
      const inGrace = await privacy.retention()
      expect(inGrace).toMatchObject({ today: '2028-06-10', grace: 1, due: 0 })
      expect(inGrace.entries[0]).toMatchObject({
        candidateId: created.id,
        lastActivityAt: '2027-06-01T10:00:00.000Z',
        retentionEndedOn: '2028-06-01',
        graceEndsOn: '2028-07-01',
      })
      expect(await privacy.extend([created.id], 6)).toEqual({ extended: 1, until: '2028-12-10' })
      expect(await privacy.audit(created.id, 1)).toMatchObject([
        { action: 'retention_extended', at: '2028-06-10T10:00:00.000Z' },
      ])
      clock.set('2028-07-05T10:00:00.000Z')
      expect((await privacy.retention()).entries).toEqual([])
      clock.set('2029-01-15T08:00:00.000Z')
      expect(await privacy.retention()).toMatchObject({ due: 1, entries: [{ retentionEndedOn: '2028-12-10' }] })
      const [erased] = await privacy.anonymise([created.id])
      expect(erased).toBeDefined()
      expect((await privacy.consent(created.id)).erasedAt).toBe('2029-01-15T08:00:00.000Z')
    } finally {
      await fixed.dispose()
    }
  })
})

describe('retention', () => {
  it('ends retention by adding months as the list shows them, also at the ends of months', () => {
    // One month after 29, 30 and 31 January is 28 February: all three are due on it, 1 February is not.
    expect(lastDayDue('2025-02-28', 1)).toBe('2025-01-31')
    expect(lastDayDue('2025-03-31', 1)).toBe('2025-02-28')
    expect(lastDayDue('2025-03-15', 12)).toBe('2024-03-15')
    expect(lastDayDue('2024-02-29', 12)).toBe('2023-02-28')
    expect(lastDayDue('2025-02-28', 12)).toBe('2024-02-29')
  })

  it('lists who is due and who is in the grace period, with why, and extends on request', async () => {
    const { privacy } = workspace.services
    const due = await lastActive('Ansel Brökmann', dayjs().subtract(14, 'month').toISOString())
    const grace = await lastActive('Birte Calloway', dayjs().subtract(12, 'month').subtract(10, 'day').toISOString())
    const recent = await lastActive('Cosmin Dale', daysAgo(30))
    const consentEnded = await lastActive('Dalia Ekwueme', daysAgo(40), {
      legalBasis: 'consent',
      consentGivenOn: dayjs().subtract(2, 'year').format('YYYY-MM-DD'),
      consentExpiresOn: dayjs().subtract(35, 'day').format('YYYY-MM-DD'),
    })
    const list = await privacy.retention()
    const byId = new Map(list.entries.map((entry) => [entry.candidateId, entry]))
    expect(byId.get(due)).toMatchObject({ state: 'due', reason: 'last_activity' })
    expect(byId.get(grace)).toMatchObject({ state: 'grace', reason: 'last_activity' })
    expect(byId.get(consentEnded)).toMatchObject({ state: 'due', reason: 'consent_expired', legalBasis: 'consent' })
    expect(list.entries).toHaveLength(3)
    expect(list).toMatchObject({ due: 2, grace: 1 })

    const extended = await privacy.extend([due, grace], 6)
    expect(extended.extended).toBe(2)
    expect((await privacy.retention()).entries.map((entry) => entry.candidateId)).toEqual([consentEnded])
    // A shorter policy for legitimate interest brings the recent one in.
    await privacy.setPolicy({ months: { consent: 12, legitimate_interest: 1 }, graceDays: 0, autoApply: false })
    const shorter = await privacy.retention()
    expect(shorter.entries.map((entry) => entry.candidateId)).toContain(recent)
    expect((await privacy.apply({ confirmed: false })).erased).toEqual([])
    await privacy.setPolicy({ months: { consent: 12, legitimate_interest: 1 }, graceDays: 0, autoApply: true })
    const applied = await privacy.apply({ confirmed: false })
    expect(applied.erased.length).toBe(2)
    const actions = (await privacy.audit(null, 50)).map((entry) => entry.action)
    expect(actions).toEqual(
      expect.arrayContaining(['policy_changed', 'retention_extended', 'anonymised', 'consent_changed']),
    )
  })

  it('never lists a candidate with an active application', async () => {
    const { privacy } = workspace.services
    await workspace.services.demo.init()
    const [posting] = await workspace.services.postings.list({})
    const id = await lastActive('Esko Fairbairn', dayjs().subtract(3, 'year').toISOString())
    if (!posting) throw new Error('the demo posting is missing')
    await workspace.services.applications.add({ candidateId: id, postingId: posting.id })
    await sql`UPDATE applications SET updated_at = ${dayjs().subtract(3, 'year').toISOString()}`.execute(
      workspace.context.db,
    )
    await sql`UPDATE candidates SET updated_at = ${dayjs().subtract(3, 'year').toISOString()}`.execute(
      workspace.context.db,
    )
    expect((await privacy.retention()).entries.map((entry) => entry.candidateId)).not.toContain(id)
  })
})

describe('consent and access requests', () => {
  it('records consent changes in the audit without the data, and exports JSON and a PDF', async () => {
    const { privacy, candidates } = workspace.services
    const created = await candidates.create({ ...blank, name: 'Fenna Gallagher', emails: ['fenna@example.org'] })
    await expect(
      privacy.setConsent(created.id, {
        legalBasis: 'consent',
        consentGivenOn: '2026-03-01',
        consentExpiresOn: '2026-02-01',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    const consent = await privacy.setConsent(created.id, {
      origin: 'referred',
      legalBasis: 'consent',
      consentGivenOn: '2026-01-05',
      consentExpiresOn: '2027-01-05',
      note: 'Agreed by e-mail',
    })
    expect(consent).toMatchObject({ origin: 'referred', legalBasis: 'consent', consentExpiresOn: '2027-01-05' })
    const audit = await privacy.audit(created.id, 10)
    expect(audit[0]).toMatchObject({ action: 'consent_changed', person: 'Rae Okafor', dataKinds: ['consent'] })
    expect(JSON.stringify(audit)).not.toContain('Fenna')
    expect(JSON.stringify(audit)).not.toContain('Agreed by e-mail')

    const pdfText = async (language: 'en' | 'fr') => {
      const download = await privacy.exportDownload(created.id, 'pdf', language)
      const bytes = Buffer.from(download.contentBase64, 'base64')
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
      return execFileSync('pdftotext', ['-', '-'], { input: bytes, encoding: 'utf8' })
    }
    const english = await pdfText('en')
    for (const heading of ['Consent and legal basis', 'Legal basis', 'Applications', 'History'])
      expect(english).toContain(heading)
    const french = await pdfText('fr')
    for (const heading of ['Consentement et base légale', 'Base légale', 'Candidatures', 'Historique', 'Généré le'])
      expect(french).toContain(heading)
    for (const heading of ['Consent and legal basis', 'Legal basis', 'Applications', 'History', 'Generated at'])
      expect(french).not.toContain(heading)
    expect(french).toContain('Agreed by e-mail')
    const json = JSON.parse(
      Buffer.from((await privacy.exportDownload(created.id, 'json')).contentBase64, 'base64').toString(),
    ) as {
      candidate: { emails: string[] }
      privacy: { note: string }
    }
    expect(json.candidate.emails).toEqual(['fenna@example.org'])
    expect(json.privacy.note).toBe('Agreed by e-mail')
    expect(existsSync(join(workspace.dataDir, 'tmp', 'privacy'))).toBe(true)
    expect((await privacy.audit(created.id, 10)).filter((entry) => entry.action === 'exported')).toHaveLength(3)
  })
})
