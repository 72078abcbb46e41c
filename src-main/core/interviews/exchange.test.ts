import type { FileDownloadDto, InterviewSummaryDto } from '@contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { canonicalJson, hmacHex, sha256Hex } from './canonical-json'
import { content, nextSlot, planDemoInterviews } from '../testing/interview-fixture'

/** The hiring team's workspace and an interviewer's own, in two data folders. */
let team: TestWorkspace
let interviewer: TestWorkspace
let demo: Awaited<ReturnType<typeof planDemoInterviews>>
let interview: InterviewSummaryDto
beforeEach(async () => {
  team = await openTestWorkspace()
  interviewer = await openTestWorkspace()
  demo = await planDemoInterviews(team)
  interview = await team.services.interviews.schedule({
    applicationId: demo.application('Lena Hoffmann').id,
    stepId: demo.step('Technical deep dive').id,
    interviewerId: demo.person('Sam').id,
    scheduledAt: nextSlot(),
  })
})
afterEach(async () => {
  await team.dispose()
  await interviewer.dispose()
})

const bytes = (file: FileDownloadDto) => Buffer.from(file.contentBase64, 'base64')
const scorecardCount = async () => (await team.context.db.selectFrom('scorecards').select('id').execute()).length

/** Opens the team's packet in the interviewer's workspace and fills it. */
async function fillFromPacket(recommendation: 'yes' | 'no' = 'yes') {
  const packet = await team.services.interviews.packet(interview.id)
  expect(packet.fileName).toMatch(/^interview-\d+-lena-hoffmann-technical-deep-dive\.yardstick-packet\.json$/)
  const opened = await interviewer.services.externalInterviews.openPacket(packet.fileName, bytes(packet))
  const [postgres, kafka, design] = opened.brief.focusItems.map((item) => item.key)
  await interviewer.services.externalInterviews.save(
    opened.id,
    content(
      { [postgres!]: 3, [kafka!]: 2, [design!]: null },
      recommendation,
      { [kafka!]: 'Only RabbitMQ, no Kafka' },
      'Solid.',
    ),
  )
  return { packet, opened, keys: { postgres: postgres!, kafka: kafka!, design: design! } }
}

describe('offline exchange between two workspaces', () => {
  it('packet out, scorecard in: attached to the right interview, counted once, a new revision becomes an amendment', async () => {
    const { packet, opened, keys } = await fillFromPacket()
    expect(opened.brief).toMatchObject({
      candidate: { name: 'Lena Hoffmann' },
      interviewer: { name: 'Sam Rivera' },
      step: { name: 'Technical deep dive' },
      posting: { levelTitle: 'Senior Backend Engineer II' },
    })
    expect(opened.brief.resumeText).toContain('Lena Hoffmann')
    // A packet opened twice: refused, nothing changed.
    await expect(
      interviewer.services.externalInterviews.openPacket(packet.fileName, bytes(packet)),
    ).rejects.toMatchObject({
      code: 'conflict',
    })
    expect(await interviewer.services.externalInterviews.list()).toHaveLength(1)

    const file = await interviewer.services.externalInterviews.exportScorecard(opened.id)
    const result = await team.services.scorecards.importFile(file.fileName, bytes(file))
    expect(result).toMatchObject({
      outcome: 'imported',
      version: 1,
      interview: { id: interview.id, scorecardState: 'submitted' },
    })
    expect(await team.services.scorecards.importFile(file.fileName, bytes(file))).toMatchObject({
      outcome: 'unchanged',
    })
    expect(await scorecardCount()).toBe(1)

    await team.services.workspace.setMe(demo.person('Sam').id)
    const page = await team.services.scorecards.get(interview.id, false)
    expect(page.versions[0]).toMatchObject({
      source: 'imported',
      externalRevision: 1,
      authorName: 'Sam Rivera',
      content: {
        recommendation: 'yes',
        keyTakeaways: 'Solid.',
        ratings: [
          { key: keys.postgres, rating: 3 },
          { key: keys.kafka, rating: 2, note: 'Only RabbitMQ, no Kafka' },
          { key: keys.design, rating: null },
        ],
      },
    })

    await interviewer.services.externalInterviews.save(opened.id, content({ [keys.postgres]: 4 }, 'strong_yes'))
    const second = await interviewer.services.externalInterviews.exportScorecard(opened.id)
    expect(await team.services.scorecards.importFile(second.fileName, bytes(second))).toMatchObject({
      outcome: 'amended',
      version: 2,
    })
    expect(
      (await team.services.scorecards.get(interview.id, false)).versions.map((version) => version.version),
    ).toEqual([2, 1])
    // The first file again: already there, still counted once.
    expect(await team.services.scorecards.importFile(file.fileName, bytes(file))).toMatchObject({
      outcome: 'unchanged',
    })
    expect(await scorecardCount()).toBe(2)
  })

  it('refuses an older revision than the one imported', async () => {
    const { opened, keys } = await fillFromPacket()
    const first = await interviewer.services.externalInterviews.exportScorecard(opened.id)
    await interviewer.services.externalInterviews.save(opened.id, content({ [keys.postgres]: 4 }, 'no'))
    const second = await interviewer.services.externalInterviews.exportScorecard(opened.id)
    await team.services.scorecards.importFile(second.fileName, bytes(second))
    await expect(team.services.scorecards.importFile(first.fileName, bytes(first))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('revision 2 was already imported') as string,
    })
    expect(await scorecardCount()).toBe(1)
  })

  it('refuses truncated, edited, re-sealed, foreign and orphaned scorecards, changing nothing', async () => {
    const { opened } = await fillFromPacket()
    const file = await interviewer.services.externalInterviews.exportScorecard(opened.id)
    const text = bytes(file).toString('utf8')
    const attempt = (body: string, name = file.fileName) => team.services.scorecards.importFile(name, Buffer.from(body))

    await expect(attempt(text.slice(0, text.length - 50))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('incomplete') as string,
    })
    await expect(
      attempt(text.replace('"recommendation": "yes"', '"recommendation": "strong_yes"')),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('changed after it was exported') as string,
    })
    // An edit with a recomputed hash: only the packet's key could have signed it.
    const forged = JSON.parse(text) as Record<string, unknown> & { scorecard: { recommendation: string } }
    forged.scorecard.recommendation = 'strong_yes'
    const { sha256: _sha, hmac: _hmac, ...rest } = forged
    await expect(attempt(JSON.stringify({ ...forged, sha256: sha256Hex(canonicalJson(rest)) }))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('signature does not match') as string,
    })
    const outside = JSON.parse(text) as { scorecard: { ratings: { rating: number | null }[] } }
    outside.scorecard.ratings[0]!.rating = 7
    await expect(attempt(JSON.stringify(outside))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('A rating is 1, 2, 3 or 4') as string,
    })
    // A scorecard of another workspace's packet.
    const elsewhere = await openTestWorkspace()
    try {
      const foreign = await planDemoInterviews(elsewhere)
      const theirs = await elsewhere.services.interviews.schedule({
        applicationId: foreign.application('Diego Ramos').id,
        stepId: foreign.step('Behavioural').id,
        interviewerId: foreign.person('Jordan').id,
        scheduledAt: nextSlot(),
      })
      const packet = await elsewhere.services.interviews.packet(theirs.id)
      const filled = await interviewer.services.externalInterviews.openPacket(packet.fileName, bytes(packet))
      await interviewer.services.externalInterviews.save(filled.id, { ...filled.content, recommendation: 'no' })
      const foreignFile = await interviewer.services.externalInterviews.exportScorecard(filled.id)
      await expect(team.services.scorecards.importFile(foreignFile.fileName, bytes(foreignFile))).rejects.toMatchObject(
        {
          code: 'invalid_input',
          message: expect.stringContaining('belongs to another workspace') as string,
        },
      )
    } finally {
      await elsewhere.dispose()
    }
    // A packet given where a scorecard is expected.
    const packet = await team.services.interviews.packet(interview.id)
    await expect(attempt(bytes(packet).toString('utf8'), packet.fileName)).rejects.toMatchObject({
      code: 'unsupported_file',
    })
    // The interview was cancelled after its packet went out.
    await team.services.interviews.cancel(interview.id)
    await expect(attempt(text)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no longer exists') as string,
    })
    expect(await scorecardCount()).toBe(0)
  })

  it('refuses a scorecard file while the interviewer has an unsubmitted draft here', async () => {
    const { opened, keys } = await fillFromPacket()
    const file = await interviewer.services.externalInterviews.exportScorecard(opened.id)
    await team.services.workspace.setMe(demo.person('Sam').id)
    await team.services.scorecards.saveDraft(interview.id, content({ [keys.postgres]: 1 }, null))
    await expect(team.services.scorecards.importFile(file.fileName, bytes(file))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('unsubmitted draft') as string,
    })
    expect(await scorecardCount()).toBe(1)
  })

  it('bounds and checks every field a holder of the packet could sign: revision, export time, packet', async () => {
    const { packet, opened } = await fillFromPacket()
    const key = (JSON.parse(bytes(packet).toString('utf8')) as { interviewKey: string }).interviewKey
    const file = await interviewer.services.externalInterviews.exportScorecard(opened.id)
    /** Edits a field and signs the file again with the packet's key, as its holder can. */
    const resigned = (edit: (file: Record<string, unknown>) => void) => {
      const record = JSON.parse(bytes(file).toString('utf8')) as Record<string, unknown>
      edit(record)
      const { sha256: _sha, hmac: _hmac, ...rest } = record
      const text = canonicalJson(rest)
      return Buffer.from(JSON.stringify({ ...record, sha256: sha256Hex(text), hmac: hmacHex(key, text) }))
    }
    const attempt = (body: Buffer) => team.services.scorecards.importFile(file.fileName, body)
    await expect(attempt(resigned((f) => (f.revision = Number.MAX_SAFE_INTEGER)))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('revision: At most 10000') as string,
    })
    for (const exportedAt of ['0001-01-01T00:00:00.000Z', '9999-12-31T00:00:00.000Z']) {
      await expect(attempt(resigned((f) => (f.exportedAt = exportedAt)))).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('year from 1900 to 2200') as string,
      })
    }
    await expect(attempt(resigned((f) => (f.exportedAt = '2199-01-01T00:00:00.000Z')))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('in the future') as string,
    })
    await expect(attempt(resigned((f) => (f.packetSha256 = 'ab'.repeat(32))))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('never issued') as string,
    })
    expect(await scorecardCount()).toBe(0)
    expect((await attempt(bytes(file))).outcome).toBe('imported')
  })
})
