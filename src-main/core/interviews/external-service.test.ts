import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../dispatch'
import { openTestWorkspace, type TestWorkspace } from '../testing/temp-workspace'
import { decodeScorecard, encodePacket } from './exchange-files'
import { sampleBrief } from './fixtures/sample-brief'

let workspace: TestWorkspace
beforeEach(async () => {
  workspace = await openTestWorkspace()
})
afterEach(() => workspace.dispose())

const key = randomBytes(32).toString('base64url')
const external = () => workspace.services.externalInterviews
const utf8 = (text: string) => new TextEncoder().encode(text)

function packetBytes(brief = sampleBrief()) {
  return utf8(
    encodePacket({
      workspaceUid: brief.workspace.uid,
      interviewId: brief.interviewId,
      interviewKey: key,
      exportedAt: '2026-03-01T10:00:00.000Z',
      brief,
    }),
  )
}

const stored = async () =>
  Number(
    (
      await workspace.context.db
        .selectFrom('external_interviews')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('packets opened from another workspace', () => {
  it('opens a packet once, with an empty scorecard for every focus item', async () => {
    const opened = await external().openPacket('zoe.yardstick-packet.json', packetBytes())
    expect(opened).toMatchObject({
      candidateName: 'Zoë Łukasiewicz',
      sourceWorkspaceName: 'Ledgerly hiring',
      revision: 0,
      changedSinceExport: true,
      content: { ratings: [{ key: 'competency:1', rating: null, note: '' }], recommendation: null },
    })
    expect(await external().list()).toHaveLength(1)
    await expect(external().openPacket('again.json', packetBytes())).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already opened here') as string,
    })
    expect(await stored()).toBe(1)
  })

  it('refuses a packet of this very workspace, and a damaged packet, storing nothing', async () => {
    const here = await workspace.services.workspace.info()
    const brief = sampleBrief()
    brief.workspace.uid = here.uid
    await expect(external().openPacket('own.json', packetBytes(brief))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('packet of this workspace') as string,
    })
    const bytes = packetBytes()
    await expect(external().openPacket('cut.json', bytes.subarray(0, 200))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('incomplete') as string,
    })
    expect(await stored()).toBe(0)
  })

  it('autosaves, refuses unknown focus items and ratings outside 1-4, and keeps what was saved', async () => {
    const { id } = await external().openPacket('p.json', packetBytes())
    const content = {
      ratings: [{ key: 'competency:1', rating: 4 as const, note: 'Designed for failure first.' }],
      keyTakeaways: 'Strong design sense.',
      recommendation: null,
    }
    await external().save(id, content)
    await expect(
      external().save(id, { ...content, ratings: [{ key: 'competency:99', rating: 2, note: '' }] }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'ratings.0.key' }] })
    const outside = await dispatch(
      'scorecards:saveExternal',
      { id, content: { ...content, ratings: [{ key: 'competency:1', rating: 5, note: '' }] } },
      { services: workspace.services },
    )
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(outside.ok || outside.error.message).toMatch(/rating is 1, 2, 3 or 4/)
    expect((await external().get(id)).content.ratings[0]).toMatchObject({
      rating: 4,
      note: 'Designed for failure first.',
    })
  })

  it('exports a signed scorecard; an unchanged export is the same file, a changed one the next revision', async () => {
    const { id } = await external().openPacket('p.json', packetBytes())
    const content = {
      ratings: [{ key: 'competency:1', rating: 3 as const, note: '' }],
      keyTakeaways: 'Meets the bar.',
      recommendation: null,
    }
    await external().save(id, content)
    await expect(external().exportScorecard(id)).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'recommendation' }],
    })
    await external().save(id, { ...content, recommendation: 'yes' })
    const first = await external().exportScorecard(id)
    expect(first.fileName).toBe('scorecard-zoe-lukasiewicz-system-design.yardstick-scorecard.json')
    const decoded = decodeScorecard(Buffer.from(first.contentBase64, 'base64'), first.fileName)
    expect(decoded.signedWith(key)).toBe(true)
    expect(decoded.file).toMatchObject({
      workspaceUid: sampleBrief().workspace.uid,
      interviewId: 7,
      revision: 1,
      interviewer: { name: 'Sam Rivera' },
      scorecard: { recommendation: 'yes', keyTakeaways: 'Meets the bar.' },
    })
    expect((await external().get(id)).changedSinceExport).toBe(false)
    expect((await external().exportScorecard(id)).contentBase64).toBe(first.contentBase64)
    await external().save(id, { ...content, recommendation: 'strong_yes' })
    const second = await external().exportScorecard(id)
    expect(decodeScorecard(Buffer.from(second.contentBase64, 'base64'), 'x').file.revision).toBe(2)
  })

  it('prints the kit from the packet and forgets a packet on request', async () => {
    const { id } = await external().openPacket('p.json', packetBytes())
    const kit = await external().kit(id, 'fr')
    expect(Buffer.from(kit.contentBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await external().remove(id)
    await expect(external().get(id)).rejects.toMatchObject({ code: 'not_found' })
  })
})
