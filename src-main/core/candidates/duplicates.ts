import type {
  CandidateDetailDto,
  ContactSuggestionsDto,
  DuplicateDto,
  DuplicateReason,
  ExtractedResume,
} from '@contract'
import { linkKey } from '../documents/contacts'
import type { PhoneRegion } from '../phones/phone-numbers'
import { parseJsonArray } from './candidate-mapping'
import { nameMatchKey, phoneKey } from './normalise'
import type { CandidateRepository, MatchCriteria } from './repository'

/**
 * Who may be the same person: same e-mail, same phone number, or the same name words. A shared e-mail or phone
 * is near certain, so those come first; a name alone only hints.
 */
export async function findMatches(repo: CandidateRepository, criteria: MatchCriteria): Promise<DuplicateDto[]> {
  if (criteria.emails.length === 0 && criteria.phoneKeys.length === 0 && criteria.nameMatch === '') return []
  const rows = await repo.findMatches(criteria)
  return rows
    .map((row) => {
      const emails = parseJsonArray<{ email: string }>(row.emails).map((entry) => entry.email)
      const reasons: DuplicateReason[] = []
      if (row.by_email) reasons.push('email')
      if (row.by_phone) reasons.push('phone')
      if (criteria.nameMatch !== '' && nameMatchKey(row.name) === criteria.nameMatch) reasons.push('name')
      return { id: row.id, name: row.name, emails, reasons }
    })
    .filter((match) => match.reasons.length > 0)
    .sort(
      (a, b) =>
        Number(b.reasons.includes('email') || b.reasons.includes('phone')) -
        Number(a.reasons.includes('email') || a.reasons.includes('phone')),
    )
}

/** Contact fields of the document that the profile lacks, for the user to confirm. */
export function contactSuggestions(
  before: CandidateDetailDto,
  resume: ExtractedResume | null,
  region: PhoneRegion,
): ContactSuggestionsDto {
  if (!resume) return { name: null, emails: [], phones: [], links: [] }
  const phoneKeys = new Set(before.phones.map((phone) => phoneKey(phone, region)))
  const linkKeys = new Set(before.links.map(linkKey))
  return {
    name: resume.name && nameMatchKey(resume.name) !== nameMatchKey(before.name) ? resume.name : null,
    emails: resume.emails.filter((email) => !before.emails.includes(email)),
    phones: resume.phones.filter((phone) => !phoneKeys.has(phoneKey(phone, region))),
    links: resume.links.filter((link) => !linkKeys.has(linkKey(link))),
  }
}
