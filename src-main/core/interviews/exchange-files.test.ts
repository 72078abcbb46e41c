import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from './canonical-json'
import { decodePacket, decodeScorecard, encodePacket, encodeScorecard, type PacketFile } from './exchange-files'
import { sampleBrief } from './fixtures/sample-brief'

const key = randomBytes(32).toString('base64url')
const utf8 = (text: string) => new TextEncoder().encode(text)

const packetText = () =>
  encodePacket({
    workspaceUid: sampleBrief().workspace.uid,
    interviewId: 7,
    interviewKey: key,
    exportedAt: '2026-03-01T10:00:00.000Z',
    brief: sampleBrief(),
  })

function scorecardText(overrides: Partial<{ rating: number; key: string }> = {}) {
  return encodeScorecard(
    {
      workspaceUid: sampleBrief().workspace.uid,
      interviewId: 7,
      exportedAt: '2026-03-02T11:00:00.000Z',
      packetSha256: decodePacket(utf8(packetText()), 'p.json').sha256,
      revision: 1,
      interviewer: { name: 'Sam Rivera', email: 'sam@example.com' },
      scorecard: {
        // A test may write what the schema would refuse, to check the reader.
        ratings: [{ key: 'competency:1', rating: (overrides.rating ?? 3) as 3, note: 'Clear trade-offs.' }],
        keyTakeaways: 'Solid.',
        recommendation: 'yes',
      },
    },
    overrides.key ?? key,
  )
}

/** Rewrites a field and seals the file again with a correct hash, as a careful forger would. */
function resealed(text: string, edit: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(text) as Record<string, unknown>
  edit(file)
  const { sha256: _sha, hmac: _hmac, ...rest } = file
  return JSON.stringify({ ...file, sha256: sha256Hex(canonicalJson(rest)) })
}

describe('canonical JSON', () => {
  it('is the same text whatever the key order and indentation', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: 'é' })).toBe('{"a":"é","b":[1,{"c":null,"d":"x"}]}')
    expect(canonicalJson(JSON.parse(JSON.stringify({ z: 1, a: { y: 2, b: 3 } }, null, 4)))).toBe(
      canonicalJson({ a: { b: 3, y: 2 }, z: 1 }),
    )
    expect(() => canonicalJson({ n: Number.NaN })).toThrow()
  })
})

describe('interview packets', () => {
  it('round-trips, whatever the indentation', () => {
    const text = packetText()
    const packet: PacketFile = decodePacket(utf8(text), 'p.json')
    expect(packet.brief.candidate.name).toBe('Zoë Łukasiewicz')
    expect(packet.format).toBe('yardstick-interview-packet')
    const compact = JSON.stringify(JSON.parse(text))
    expect(decodePacket(utf8(compact), 'p.json').sha256).toBe(packet.sha256)
  })

  it('refuses a truncated, edited, foreign or newer file with a clear message', () => {
    const text = packetText()
    expect(() => decodePacket(utf8(text.slice(0, text.length / 2)), 'p.json')).toThrow(/incomplete.*truncated/)
    const edited = text.replace('Zoë Łukasiewicz\\nBackend', 'Zoë Łukasiewicz\\nStaff')
    expect(edited).not.toBe(text)
    expect(() => decodePacket(utf8(edited), 'p.json')).toThrow(/changed after it was exported/)
    expect(() => decodePacket(utf8('{"hello": "world"}'), 'x.json')).toThrow(/x\.json is not an interview packet/)
    expect(() => decodePacket(utf8('not json at all'), 'x.json')).toThrow(/not valid JSON/)
    expect(() => decodePacket(new Uint8Array([0xff, 0xfe, 0x00]), 'x.json')).toThrow(/not UTF-8/)
    expect(() => decodePacket(utf8(scorecardText()), 's.json')).toThrow(/is a scorecard file, not an interview packet/)
    const newer = resealed(text, (file) => (file.version = 2))
    expect(() => decodePacket(utf8(newer), 'p.json')).toThrow(/newer Yardstick/)
  })
})

describe('scorecard files', () => {
  it('round-trips and is signed with the packet key', () => {
    const decoded = decodeScorecard(utf8(scorecardText()), 's.json')
    expect(decoded.file.scorecard.ratings[0]).toMatchObject({ rating: 3, note: 'Clear trade-offs.' })
    expect(decoded.signedWith(key)).toBe(true)
    expect(decoded.signedWith(randomBytes(32).toString('base64url'))).toBe(false)
  })

  it('refuses a rating outside 1-4 even when the hash was recomputed', () => {
    const outside = resealed(scorecardText(), (file) => {
      const scorecard = file.scorecard as { ratings: { rating: number }[] }
      scorecard.ratings[0]!.rating = 5
    })
    expect(() => decodeScorecard(utf8(outside), 's.json')).toThrow(
      /scorecard\.ratings\.0\.rating: A rating is 1, 2, 3 or 4/,
    )
    expect(() => decodeScorecard(utf8(scorecardText({ rating: 0 })), 's.json')).toThrow(/A rating is 1, 2, 3 or 4/)
  })

  it('detects an edit by the hash, and a resealed edit by the signature', () => {
    const text = scorecardText()
    expect(() => decodeScorecard(utf8(text.replace('"yes"', '"strong_yes"')), 's.json')).toThrow(
      /changed after it was exported/,
    )
    const forged = resealed(
      text,
      (file) => ((file.scorecard as { recommendation: string }).recommendation = 'strong_no'),
    )
    const decoded = decodeScorecard(utf8(forged), 's.json')
    expect(decoded.file.scorecard.recommendation).toBe('strong_no')
    expect(decoded.signedWith(key)).toBe(false)
  })

  it('refuses a packet, an incomplete scorecard and a truncated file', () => {
    expect(() => decodeScorecard(utf8(packetText()), 'p.json')).toThrow(/interview packet, not a scorecard/)
    const text = scorecardText()
    expect(() => decodeScorecard(utf8(text.slice(0, -40)), 's.json')).toThrow(/incomplete/)
    const noRecommendation = resealed(
      text,
      (file) => ((file.scorecard as { recommendation: null }).recommendation = null),
    )
    expect(() => decodeScorecard(utf8(noRecommendation), 's.json')).toThrow(/scorecard\.recommendation/)
    expect(() => decodeScorecard(new Uint8Array(2 * 1_048_576), 's.json')).toThrow(/too large/)
  })
})
