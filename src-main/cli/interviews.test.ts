import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CalibrationDto } from '@contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkspace } from '../core/services'
import { resourcesDir, tempDir } from '../core/testing/temp-workspace'
import { runCaptured } from './captured'

const dir = tempDir()
const team = join(dir.path, 'team')
const interviewer = join(dir.path, 'interviewer')
afterAll(() => dir.remove())

async function cli(dataDir: string, ...args: string[]) {
  return runCaptured([...args, '--data-dir', dataDir])
}

interface InterviewJson {
  id: number
  application: { id: number; candidate: string; status: string }
  posting: { id: number; title: string }
  step: { id: number; name: string; position: number }
  interviewer: { id: number; name: string }
  scheduledAt: string
  durationMinutes: number
  scorecard: { status: string; version: number | null; submittedAt: string | null }
}

beforeAll(async () => {
  const generated = await cli(team, 'demo', 'generate', '--candidates', '400', '--seed', '5')
  expect(generated.code).toBe(0)
  expect(JSON.parse(generated.stdout)).toMatchObject({ interviewPlans: 11 })
}, 120_000)

describe('interviews on the command line', () => {
  it('lists the generated interviews as JSON with application, step, interviewer and scorecard status', async () => {
    const listed = await cli(team, 'interviews', 'list', '--posting', '1', '--format', 'json')
    expect(listed.code).toBe(0)
    const interviews = JSON.parse(listed.stdout) as InterviewJson[]
    expect(interviews.length).toBeGreaterThan(10)
    expect(Object.keys(interviews[0]!)).toEqual([
      'id',
      'application',
      'posting',
      'step',
      'interviewer',
      'scheduledAt',
      'durationMinutes',
      'scorecard',
    ])
    expect(new Set(interviews.map((entry) => entry.posting.id))).toEqual(new Set([1]))
    expect(new Set(interviews.map((entry) => entry.step.name))).toEqual(
      new Set(['Recruiter screen', 'Technical deep dive', 'System design', 'Hiring manager']),
    )
    expect(interviews.filter((entry) => entry.scorecard.status === 'submitted').length).toBeGreaterThan(
      interviews.length / 2,
    )
    const all = JSON.parse((await cli(team, 'interviews', 'list')).stdout) as InterviewJson[]
    expect(all.length).toBeGreaterThan(interviews.length)
    expect((await cli(team, 'interviews', 'list', '--posting', 'x')).code).toBe(2)
  }, 60_000)

  it('generates a realistic spread: a harsh and a lenient interviewer, and hires among the "yes"', async () => {
    const calibration = JSON.parse((await cli(team, 'interviews', 'calibration')).stdout) as CalibrationDto
    const person = (name: string) => calibration.interviewers.find((entry) => entry.name === name)!
    expect(person('Sam Rivera').meanDifferenceFromPanel!).toBeLessThan(-0.15)
    expect(person('Jordan Lee').meanDifferenceFromPanel!).toBeGreaterThan(0.15)
    expect(person('Jordan Lee').unratedShare!).toBeGreaterThan(person('Sam Rivera').unratedShare!)
    for (const entry of calibration.interviewers) {
      expect(Object.values(entry.ratingCounts).filter((count) => count > 0).length).toBeGreaterThanOrEqual(3)
    }
    // Interview stage pass rates are low (most candidates are rejected), yet a good share of "yes" ended in a hire.
    const yes = calibration.interviewers.reduce((sum, entry) => sum + entry.yesDecided, 0)
    const hired = calibration.interviewers.reduce((sum, entry) => sum + entry.yesHired, 0)
    expect(yes).toBeGreaterThan(0)
    expect(hired / yes).toBeGreaterThan(0.3)
  })

  it('exports a packet, imports the scorecard filled from it in another data folder once, and refuses a damaged one', async () => {
    const workspace = await openWorkspace({ dataDir: team, resourcesDir, appVersion: 'test', demoOnFirstRun: false })
    let interviewId: number
    try {
      const [application] = (
        await workspace.services.applications.list({
          postingId: 1,
          offset: 0,
          limit: 1,
          sort: 'applied',
          direction: 'desc',
          source: '',
          text: '',
          status: 'active',
        })
      ).rows
      const plan = await workspace.services.interviewPlans.plan(1)
      const people = await workspace.services.workspace.listPeople(false)
      const interview = await workspace.services.interviews.schedule({
        applicationId: application!.id,
        stepId: plan.steps[0]!.id,
        interviewerId: people.find((person) => person.role === 'recruiter')!.id,
        scheduledAt: '2031-05-05T09:00:00Z',
      })
      interviewId = interview.id
    } finally {
      await workspace.close()
    }
    const packetFile = join(dir.path, 'interview.yardstick-packet.json')
    const exported = await cli(team, 'interviews', 'packet', '--interview', String(interviewId), '--out', packetFile)
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.stdout)).toMatchObject({ interview: interviewId, file: packetFile })
    expect(await cli(team, 'interviews', 'packet', '--interview', '999999', '--out', packetFile)).toMatchObject({
      code: 1,
    })
    expect(await cli(team, 'interviews', 'packet', '--interview', String(interviewId))).toMatchObject({ code: 2 })

    const elsewhere = await openWorkspace({
      dataDir: interviewer,
      resourcesDir,
      appVersion: 'test',
      demoOnFirstRun: false,
    })
    const scorecardFile = join(dir.path, 'interview.yardstick-scorecard.json')
    try {
      const opened = await elsewhere.services.externalInterviews.openPacket('p.json', readFileSync(packetFile))
      await elsewhere.services.externalInterviews.save(opened.id, { ...opened.content, recommendation: 'yes' })
      const file = await elsewhere.services.externalInterviews.exportScorecard(opened.id)
      writeFileSync(scorecardFile, Buffer.from(file.contentBase64, 'base64'))
    } finally {
      await elsewhere.close()
    }
    const imported = await cli(team, 'scorecards', 'import', scorecardFile)
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({
      outcome: 'imported',
      version: 1,
      interview: { id: interviewId },
    })
    expect(JSON.parse((await cli(team, 'scorecards', 'import', scorecardFile)).stdout)).toMatchObject({
      outcome: 'unchanged',
    })

    const truncated = join(dir.path, 'truncated.yardstick-scorecard.json')
    writeFileSync(truncated, readFileSync(scorecardFile).subarray(0, 300))
    const refused = await cli(team, 'scorecards', 'import', truncated)
    expect(refused).toMatchObject({ code: 1, stdout: '' })
    expect(refused.stderr).toMatch(/incomplete/)
    expect(await cli(team, 'scorecards', 'import', join(dir.path, 'missing.json'))).toMatchObject({ code: 1 })
    expect(await cli(team, 'scorecards', 'import')).toMatchObject({ code: 2 })
  }, 90_000)

  it('prints an interview kit as a PDF', async () => {
    const [first] = JSON.parse((await cli(team, 'interviews', 'list', '--posting', '1')).stdout) as InterviewJson[]
    const out = join(dir.path, 'kit.pdf')
    expect(
      (await cli(team, 'interviews', 'kit', '--interview', String(first!.id), '--out', out, '--language', 'fr')).code,
    ).toBe(0)
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(
      await cli(team, 'interviews', 'kit', '--interview', String(first!.id), '--out', join(dir.path, 'kit.txt')),
    ).toMatchObject({ code: 2 })
  }, 60_000)

  it('writes an interview invitation as an .ics event at the scheduled instant, and refuses an unknown interview', async () => {
    const [first] = JSON.parse((await cli(team, 'interviews', 'list', '--posting', '1')).stdout) as InterviewJson[]
    const out = join(dir.path, 'invite.ics')
    expect((await cli(team, 'interviews', 'invite', '--interview', String(first!.id), '--out', out)).code).toBe(0)
    const raw = readFileSync(out, 'utf8')
    const physical = raw.split('\r\n')
    expect(physical.every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
    const lines = raw.replace(/\r\n /g, '').split('\r\n')
    const field = (name: string) => lines.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1)
    const asUtc = (date: Date) =>
      date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')
    const start = new Date(first!.scheduledAt)
    expect(field('DTSTART')).toBe(asUtc(start))
    expect(field('DTEND')).toBe(asUtc(new Date(start.getTime() + first!.durationMinutes * 60_000)))
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1)
    const unknown = await cli(team, 'interviews', 'invite', '--interview', '999999', '--out', out)
    expect(unknown.code).toBe(1)
    expect(readFileSync(out, 'utf8')).toBe(raw)
  }, 60_000)
})
