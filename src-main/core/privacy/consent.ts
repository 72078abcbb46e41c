import type { ConsentDto } from '@contract'
import { consentInput, type ConsentInput } from '@contract/privacy'
import type { Kysely } from 'kysely'
import type { CandidateRow, Database } from '../db/schema'
import { AppError } from '../errors'
import { PrivacyRepository } from './repository'

/** What an erased candidate is called wherever their name used to be. */
export const erasedName = (id: number) => `Erased candidate #${id}`

export function toConsentDto(row: CandidateRow): ConsentDto {
  return {
    origin: row.origin,
    legalBasis: row.legal_basis,
    consentGivenOn: row.consent_given_on,
    consentExpiresOn: row.consent_expires_on,
    note: row.privacy_note,
    retainUntil: row.retain_until,
    erasedAt: row.erased_at,
  }
}

/**
 * Sets a candidate's consent and legal basis inside the caller's transaction, recording the change in the audit.
 * Shared by the privacy service and the candidates domain (a candidate created with their consent).
 */
export async function writeConsent(
  trx: Kysely<Database>,
  id: number,
  input: ConsentInput,
  actor: number | null,
  at: string,
): Promise<void> {
  const parsed = consentInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw AppError.of('invalid_field', {
      field: `consent.${issue?.path.join('.') ?? ''}`,
      detail: issue?.message ?? 'invalid',
    })
  }
  const repo = new PrivacyRepository(trx)
  const row = await repo.candidate(id)
  if (!row) throw AppError.of('candidate_not_found', { id: id })
  if (row.erased_at) throw AppError.of('candidate_erased_no_change', { id })
  const value = parsed.data
  const changed = (
    [
      ['origin', row.origin !== value.origin],
      ['legalBasis', row.legal_basis !== value.legalBasis],
      ['consentGivenOn', row.consent_given_on !== value.consentGivenOn],
      ['consentExpiresOn', row.consent_expires_on !== value.consentExpiresOn],
      ['note', row.privacy_note !== value.note],
    ] as const
  )
    .filter(([, differs]) => differs)
    .map(([field]) => field)
  if (changed.length === 0) return
  await repo.setConsent(id, value, at)
  await repo.audit({
    at,
    personId: actor,
    action: 'consent_changed',
    candidateId: id,
    dataKinds: ['consent'],
    detail: { fields: changed, legalBasis: value.legalBasis, origin: value.origin },
  })
}
