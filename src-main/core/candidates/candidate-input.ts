import type { IssueDto } from '@contract'
import { linkKey } from '../documents/contacts'
import { AppError } from '../errors'
import { checkPhone, type PhoneRegion } from '../phones/phone-numbers'
import { nameKey, nameMatchKey, normaliseEmail, normaliseLink, normaliseTag, phoneKey, uniqueBy } from './normalise'
import type { CandidateValues } from './repository'

export interface CandidateInput {
  name: string
  emails: string[]
  phones: string[]
  links: string[]
  location: string
  source: string
  tags: string[]
}

export interface NormalisedCandidate {
  values: CandidateValues
  emails: string[]
  phones: { phone: string; key: string }[]
  links: string[]
  tags: string[]
}

/** Validates and normalises what a user or a file says about a candidate; issues name the offending field. */
export function normaliseCandidate(input: CandidateInput, region: PhoneRegion): NormalisedCandidate {
  const issues: IssueDto[] = []
  const name = input.name.trim().replace(/\s+/g, ' ')
  if (!name) issues.push({ path: 'name', message: 'Required', key: 'v_required' })
  const emails = input.emails.map((raw, index) => {
    const email = normaliseEmail(raw)
    if (!email)
      issues.push({
        path: `emails.${index}`,
        message: `"${raw}" is not an e-mail address`,
        key: 'v_email_value',
        params: { value: raw },
      })
    return email ?? ''
  })
  const phones = input.phones.map((raw, index) => {
    const checked = checkPhone(raw, region)
    if (!checked.ok)
      issues.push({
        path: `phones.${index}`,
        message: `"${raw}" ${checked.reason}`,
        key: 'v_phone_value',
        params: { value: raw },
      })
    return checked.ok ? checked.e164 : ''
  })
  const links = input.links.map((raw, index) => {
    const link = normaliseLink(raw)
    if (!link)
      issues.push({
        path: `links.${index}`,
        message: `"${raw}" is not a web address`,
        key: 'v_link_value',
        params: { value: raw },
      })
    return link ?? ''
  })
  if (issues.length > 0) {
    const first = issues[0]
    throw AppError.of('invalid_field', { field: first?.path ?? '', detail: first?.message ?? '' }, issues)
  }
  const folded = nameKey(name)
  return {
    values: {
      name,
      nameKey: folded,
      nameMatch: nameMatchKey(name, folded),
      location: input.location.trim(),
      source: input.source.trim(),
    },
    emails: uniqueBy(emails, (email) => email),
    phones: uniqueBy(phones, (phone) => phone).map((phone) => ({ phone, key: phoneKey(phone, region) })),
    links: uniqueBy(links, linkKey),
    tags: uniqueBy(input.tags.map(normaliseTag).filter(Boolean), (tag) => tag.toLowerCase()),
  }
}

/** The stored values of a candidate row, to write back with one field changed. */
export function valuesOf(row: {
  name: string
  name_key: string
  name_match: string
  location: string
  source: string
}): CandidateValues {
  return {
    name: row.name,
    nameKey: row.name_key,
    nameMatch: row.name_match,
    location: row.location,
    source: row.source,
  }
}

/** An erased candidate stays anonymous: nothing identifying may be added back. */
export function refuseErased(erasedAt: string | null, id: number): void {
  if (erasedAt) throw AppError.of('candidate_erased', { id })
}
