import type { FocusItemDto, InterviewBriefDto } from '@contract'
import {
  focusKinds,
  ratingValues,
  recommendations,
  RESUME_MAX_CHARS,
  scorecardContentSchema,
} from '@contract/interviews'
import { requirementSections } from '@contract/postings'
import { z } from 'zod'
import { AppError } from '../errors'
import { MAX_YEAR, MIN_YEAR } from '@contract/common'
import { canonicalJson, hmacHex, MAX_JSON_DEPTH, nestsDeeperThan, sameDigest, sha256Hex } from './canonical-json'

/*
 * Interview packets and scorecard files travel between workspaces without a server. Both are UTF-8 JSON with a
 * `format`, a `version`, the issuing workspace's uid and the interview id, and `sha256`: the SHA-256 of the
 * canonical serialisation (sorted keys, no whitespace) of every other field. A scorecard also carries `hmac`, an
 * HMAC-SHA256 over the same text keyed with the interview's random key, which only the packet carries.
 */

export const PACKET_FORMAT = 'yardstick-interview-packet'
export const SCORECARD_FORMAT = 'yardstick-scorecard'
export const EXCHANGE_VERSION = 1
export const PACKET_EXTENSION = '.yardstick-packet.json'
export const SCORECARD_EXTENSION = '.yardstick-scorecard.json'
export const PACKET_MAX_BYTES = 5 * 1_048_576
export const SCORECARD_MAX_BYTES = 1_048_576

const short = (max: number) => z.string().max(max)
const level = z.object({ levelId: z.number().int(), levelTitle: short(200), text: short(20_000).nullable() })

const focusItem = z.object({
  key: z.string().regex(/^(requirement|competency):[1-9]\d{0,15}$/),
  kind: z.enum(focusKinds),
  requirementId: z.number().int().nullable(),
  competencyId: z.number().int().nullable(),
  label: short(2_000).min(1),
  section: z.enum(requirementSections).nullable(),
  competencyName: short(200).nullable(),
  competencyDescription: short(5_000),
  anchors: z.object({ below: level.nullable(), at: level, above: level.nullable() }),
}) satisfies z.ZodType<FocusItemDto>

/**
 * An interviewer exports a scorecard a handful of times; a revision this high can only be meant to block
 * every later, legitimate one.
 */
export const MAX_REVISION = 10_000

/** An instant the app can handle: UTC ISO text between 1900 and 2200 (see the contract's date bounds). */
const boundedInstant = z.iso.datetime().refine((value) => {
  const year = new Date(value).getUTCFullYear()
  return year >= MIN_YEAR && year <= MAX_YEAR
}, `Use a year from ${MIN_YEAR} to ${MAX_YEAR}`)

const briefSchema = z.object({
  workspace: z.object({ uid: z.uuid(), name: short(200) }),
  interviewId: z.number().int().positive(),
  posting: z.object({ title: short(200), team: short(200), levelTitle: short(200), ladderName: short(200) }),
  candidate: z.object({
    name: short(200).min(1),
    location: short(200),
    links: z.array(short(2_000)).max(50),
    tags: z.array(short(100)).max(100),
    summary: short(5_000),
  }),
  resumeText: short(RESUME_MAX_CHARS),
  step: z.object({
    name: short(120).min(1),
    durationMinutes: z.number().int().min(1).max(1_440),
    questions: z.array(short(2_000)).max(100),
  }),
  interviewer: z.object({ name: short(200).min(1), email: short(320).nullable() }),
  scheduledAt: boundedInstant,
  scale: z
    .array(z.object({ rating: z.literal(ratingValues), meaning: short(200), levelTitle: short(200).nullable() }))
    .length(ratingValues.length),
  focusItems: z.array(focusItem).max(200),
}) satisfies z.ZodType<InterviewBriefDto>

const header = {
  version: z.literal(EXCHANGE_VERSION),
  workspaceUid: z.uuid(),
  interviewId: z.number().int().positive(),
  exportedAt: boundedInstant,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 digest'),
}

const packetSchema = z
  .object({
    format: z.literal(PACKET_FORMAT),
    ...header,
    /** 256 random bits, base64url: signs the scorecards made from this packet. */
    interviewKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not an interview key'),
    brief: briefSchema,
  })
  .refine(
    (packet) => packet.brief.workspace.uid === packet.workspaceUid && packet.brief.interviewId === packet.interviewId,
    { message: 'The brief belongs to another interview than the packet', path: ['brief'] },
  )
export type PacketFile = z.output<typeof packetSchema>

const scorecardFileSchema = z.object({
  format: z.literal(SCORECARD_FORMAT),
  ...header,
  /** The packet the scorecard was filled from. */
  packetSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Counts the interviewer's exports of this scorecard: a later file supersedes an earlier one. */
  revision: z.number().int().min(1).max(MAX_REVISION, `At most ${MAX_REVISION}`),
  interviewer: z.object({ name: short(200).min(1), email: short(320).nullable() }),
  /** An exported scorecard is complete: it has a recommendation. */
  scorecard: scorecardContentSchema.extend({ recommendation: z.enum(recommendations) }),
  hmac: z.string().regex(/^[0-9a-f]{64}$/, 'Not an HMAC digest'),
})
export type ScorecardFile = z.output<typeof scorecardFileSchema>

type Kind = 'packet' | 'scorecard'
const formatOf: Record<Kind, string> = { packet: PACKET_FORMAT, scorecard: SCORECARD_FORMAT }

/** The text that `sha256` and `hmac` cover: every field but those two. */
function signedText(file: Record<string, unknown>): string {
  const { sha256: _sha256, hmac: _hmac, ...rest } = file
  return canonicalJson(rest)
}

/** Serialises with its digests; pretty-printed, which the canonical hash ignores. */
function seal(file: Record<string, unknown>, key?: string): string {
  const text = signedText(file)
  const sealed = { ...file, sha256: sha256Hex(text), ...(key === undefined ? {} : { hmac: hmacHex(key, text) }) }
  return `${JSON.stringify(sealed, null, 2)}\n`
}

export function encodePacket(packet: Omit<PacketFile, 'format' | 'version' | 'sha256'>): string {
  return seal({ format: PACKET_FORMAT, version: EXCHANGE_VERSION, ...packet })
}

export function encodeScorecard(
  scorecard: Omit<ScorecardFile, 'format' | 'version' | 'sha256' | 'hmac'>,
  interviewKey: string,
): string {
  return seal({ format: SCORECARD_FORMAT, version: EXCHANGE_VERSION, ...scorecard }, interviewKey)
}

/** Reads the JSON of an exchanged file, with messages that tell a truncated file from a foreign one. */
function readJson(bytes: Uint8Array, fileName: string, kind: Kind, maxBytes: number): Record<string, unknown> {
  if (bytes.byteLength > maxBytes) {
    throw AppError.of(kind === 'packet' ? 'exchange_too_large_packet' : 'exchange_too_large_scorecard', {
      file: fileName,
      megabytes: maxBytes / 1_048_576,
    })
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw AppError.of(kind === 'packet' ? 'exchange_not_utf8_packet' : 'exchange_not_utf8_scorecard', {
      file: fileName,
    })
  }
  if (!text.trim()) throw AppError.of('file_empty', { file: fileName })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    const trimmed = text.trim()
    const truncated = trimmed.startsWith('{') && !trimmed.endsWith('}')
    throw truncated
      ? AppError.of('exchange_truncated', { file: fileName })
      : AppError.of(kind === 'packet' ? 'exchange_not_json_packet' : 'exchange_not_json_scorecard', { file: fileName })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw AppError.of(kind === 'packet' ? 'exchange_not_kind_packet' : 'exchange_not_kind_scorecard', {
      file: fileName,
    })
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw AppError.of(kind === 'packet' ? 'exchange_too_deep_packet' : 'exchange_too_deep_scorecard', {
      file: fileName,
      max: MAX_JSON_DEPTH,
    })
  }
  const record = value as Record<string, unknown>
  const other: Kind = kind === 'packet' ? 'scorecard' : 'packet'
  if (record.format === formatOf[other]) {
    throw AppError.of(kind === 'scorecard' ? 'exchange_packet_not_scorecard' : 'exchange_scorecard_not_packet', {
      file: fileName,
    })
  }
  if (record.format !== formatOf[kind])
    throw AppError.of(kind === 'packet' ? 'exchange_not_kind_packet' : 'exchange_not_kind_scorecard', {
      file: fileName,
    })
  if (typeof record.version === 'number' && record.version > EXCHANGE_VERSION) {
    throw AppError.of('exchange_newer_format', { file: fileName, version: record.version, supported: EXCHANGE_VERSION })
  }
  return record
}

function validate<T>(schema: z.ZodType<T>, record: Record<string, unknown>, fileName: string, kind: Kind): T {
  const parsed = schema.safeParse(record)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(file)',
      message: issue.message,
    }))
    const first = issues[0]
    throw AppError.of(
      kind === 'packet' ? 'exchange_invalid_packet' : 'exchange_invalid_scorecard',
      { file: fileName, path: first?.path ?? '—', detail: first?.message ?? '' },
      issues,
    )
  }
  const sha256 = typeof record.sha256 === 'string' ? record.sha256 : ''
  if (!sameDigest(sha256, sha256Hex(signedText(record)))) {
    throw AppError.of('exchange_tampered', { file: fileName })
  }
  return parsed.data
}

export function decodePacket(bytes: Uint8Array, fileName: string): PacketFile {
  return validate(packetSchema, readJson(bytes, fileName, 'packet', PACKET_MAX_BYTES), fileName, 'packet')
}

export interface DecodedScorecard {
  file: ScorecardFile
  /** True when the file was sealed with the key of the interview's packet (checked over the file as written). */
  signedWith(interviewKey: string): boolean
}

/** Validates the file and its hash; the HMAC needs the interview's key, which only the issuing workspace knows. */
export function decodeScorecard(bytes: Uint8Array, fileName: string): DecodedScorecard {
  const record = readJson(bytes, fileName, 'scorecard', SCORECARD_MAX_BYTES)
  const file = validate(scorecardFileSchema, record, fileName, 'scorecard')
  const signed = signedText(record)
  return { file, signedWith: (interviewKey) => sameDigest(file.hmac, hmacHex(interviewKey, signed)) }
}
