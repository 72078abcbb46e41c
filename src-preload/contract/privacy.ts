import { z } from 'zod'
import { byId, empty, id } from './common'
import { administrators } from './access'
import { returns } from './define'
import type { FileDownloadDto } from './common'

import { candidateOrigins, legalBases, reportLanguages, type CandidateOrigin, type LegalBasis } from './closed-lists'

export { candidateOrigins, legalBases, type CandidateOrigin, type LegalBasis } from './closed-lists'

const isCalendarDate = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value
}

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(isCalendarDate, 'Not a date in the calendar')

/** How we got a candidate's data and on what legal basis we keep it. */
export const consentInput = z
  .object({
    origin: z.enum(candidateOrigins).default('applied'),
    legalBasis: z.enum(legalBases).default('legitimate_interest'),
    consentGivenOn: calendarDate.nullable().default(null),
    consentExpiresOn: calendarDate.nullable().default(null),
    note: z.string().trim().max(2_000, 'Too long (at most 2000 characters)').default(''),
  })
  .strict()
  .refine(
    (value) =>
      value.consentGivenOn === null ||
      value.consentExpiresOn === null ||
      value.consentGivenOn <= value.consentExpiresOn,
    { message: 'Consent cannot expire before it was given', path: ['consentExpiresOn'] },
  )
export type ConsentInput = z.input<typeof consentInput>

export interface ConsentDto {
  origin: CandidateOrigin
  legalBasis: LegalBasis
  consentGivenOn: string | null
  consentExpiresOn: string | null
  note: string
  /** A retention extension chosen by a person. */
  retainUntil: string | null
  /** Set once the candidate was erased; the profile then reads "Erased candidate #N". */
  erasedAt: string | null
}

export interface RetentionPolicyDto {
  /** Months kept after the last application closed or the last activity, per legal basis. */
  months: Record<LegalBasis, number>
  graceDays: number
  /** The owner's choice: erase candidates past the grace period without asking. */
  autoApply: boolean
}

export type RetentionState = 'grace' | 'due'

export interface RetentionEntryDto {
  candidateId: number
  name: string
  legalBasis: LegalBasis
  state: RetentionState
  /** Why: which date the retention ran from, or the consent that expired. */
  reason: 'last_activity' | 'consent_expired'
  lastActivityAt: string
  retentionEndedOn: string
  /** From this day on the candidate is due (the grace period ends). */
  graceEndsOn: string
  applications: number
}

export interface RetentionListDto {
  policy: RetentionPolicyDto
  today: string
  entries: RetentionEntryDto[]
  due: number
  grace: number
}

export interface BackupFileDto {
  fileName: string
  size: number
  modifiedAt: string
}

export interface ErasureResultDto {
  candidateId: number
  /** "Erased candidate #N". */
  name: string
  alreadyErased: boolean
  /** Rows removed or blanked, per kind of data (no data itself). */
  counts: Record<string, number>
  filesRemoved: number
  filesKeptShared: number
  /** Backups still holding the old data: purge them, or keep them with a reason. */
  backups: BackupFileDto[]
}

export interface AuditEntryDto {
  id: number
  at: string
  person: string | null
  action: string
  candidateId: number | null
  dataKinds: string[]
  detail: Record<string, unknown>
}

const ids = z.array(id).min(1, 'Choose at least one candidate').max(10_000)

export const privacyContract = {
  consent: { access: administrators, input: byId, output: returns<ConsentDto>() },
  setConsent: {
    access: administrators,
    input: z.object({ id, consent: consentInput }).strict(),
    output: returns<ConsentDto>(),
  },
  policy: { access: administrators, input: empty, output: returns<RetentionPolicyDto>() },
  setPolicy: {
    access: administrators,
    input: z
      .object({
        months: z
          .object({
            consent: z.number().int().min(1).max(120),
            legitimate_interest: z.number().int().min(1).max(120),
          })
          .strict(),
        graceDays: z.number().int().min(0).max(365),
        autoApply: z.boolean(),
      })
      .strict(),
    output: returns<RetentionPolicyDto>(),
  },
  retention: { access: administrators, input: empty, output: returns<RetentionListDto>() },
  extend: {
    access: administrators,
    input: z.object({ ids, months: z.number().int().min(1).max(60) }).strict(),
    output: returns<{ extended: number; until: string }>(),
  },
  /** Erases candidates now; `confirm` must be true, so nothing is erased by a stray call. */
  anonymise: {
    access: administrators,
    input: z.object({ ids, confirm: z.literal(true, { message: 'Confirm the erasure' }) }).strict(),
    output: returns<ErasureResultDto[]>(),
  },
  /** Erases every candidate due under the policy: when `confirmed`, or when the owner turned automatic application on. */
  apply: {
    access: administrators,
    input: z.object({ confirmed: z.boolean().default(false) }).strict(),
    output: returns<{ erased: ErasureResultDto[]; due: number }>(),
  },
  exportData: {
    access: administrators,
    input: z
      .object({
        id,
        format: z.enum(['json', 'pdf']).default('json'),
        // The PDF's own words; the JSON export's keys stay English, being read by programs.
        language: z.enum(reportLanguages).default('en'),
      })
      .strict(),
    output: returns<FileDownloadDto>(),
  },
  backups: { access: administrators, input: empty, output: returns<BackupFileDto[]>() },
  purgeBackups: { access: administrators, input: empty, output: returns<{ removed: number }>() },
  keepBackups: {
    access: administrators,
    input: z.object({ reason: z.string().trim().min(3, 'Say why the backups are kept').max(500) }).strict(),
    output: returns<{ kept: number }>(),
  },
  audit: {
    access: administrators,
    input: z
      .object({ candidateId: id.nullable().default(null), limit: z.number().int().min(1).max(1000).default(200) })
      .strict(),
    output: returns<AuditEntryDto[]>(),
  },
}
