import type { CandidateOrigin, CsvField, IssueDto, LegalBasis } from '@contract'
import { csvFields } from '@contract/candidates'
import { AppError } from '../errors'
import type { PhoneRegion } from '../phones/phone-numbers'
import type { BulkCandidate } from './bulk-writer'
import { foldText } from './normalise'
import { normaliseCandidate } from './service'

const LIMITS = { name: 200, location: 200, source: 100, tag: 60, notes: 20_000 }

/** Header names (folded: lowercase, no accents, no punctuation) that suggest a field, in English and French. */
const HEADER_ALIASES: Record<CsvField, string[]> = {
  name: [
    'name',
    'full name',
    'fullname',
    'candidate',
    'candidate name',
    'nom complet',
    'nom et prenom',
    'prenom et nom',
    'candidat',
    'nom du candidat',
  ],
  first_name: ['first name', 'firstname', 'given name', 'forename', 'prenom'],
  last_name: ['last name', 'lastname', 'surname', 'family name', 'nom', 'nom de famille'],
  email: [
    'email',
    'e mail',
    'mail',
    'email address',
    'e mail address',
    'adresse e mail',
    'adresse email',
    'courriel',
    'adresse electronique',
    'emails',
  ],
  phone: [
    'phone',
    'telephone',
    'tel',
    'mobile',
    'cell',
    'phone number',
    'mobile phone',
    'numero de telephone',
    'portable',
    'phones',
  ],
  location: ['location', 'city', 'address', 'country', 'localisation', 'ville', 'lieu', 'adresse', 'pays', 'region'],
  source: ['source', 'origin', 'channel', 'job board', 'provenance', 'origine', 'canal'],
  tags: ['tags', 'tag', 'labels', 'label', 'skills', 'keywords', 'etiquettes', 'etiquette', 'mots cles', 'competences'],
  links: [
    'links',
    'link',
    'url',
    'urls',
    'linkedin',
    'github',
    'website',
    'portfolio',
    'profile',
    'liens',
    'lien',
    'site web',
    'profil',
  ],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'commentaires', 'commentaire', 'remarques'],
  origin: ['data origin', 'how we got the data', 'origine des donnees'],
  legal_basis: ['legal basis', 'lawful basis', 'basis', 'base legale', 'base juridique'],
  consent_given_on: [
    'consent given on',
    'consent given',
    'consent date',
    'consentement donne le',
    'date du consentement',
  ],
  consent_expires_on: [
    'consent expires on',
    'consent expires',
    'consent expiry',
    'consentement expire le',
    'expiration du consentement',
  ],
}

/** Cell words (folded) for the privacy columns, in English and French. */
const ORIGIN_WORDS: Record<string, CandidateOrigin> = {
  applied: 'applied',
  candidature: 'applied',
  sourced: 'sourced',
  approche: 'sourced',
  referred: 'referred',
  referral: 'referred',
  cooptation: 'referred',
  recommande: 'referred',
  imported: 'imported',
  importe: 'imported',
}
const BASIS_WORDS: Record<string, LegalBasis> = {
  consent: 'consent',
  consentement: 'consent',
  'legitimate interest': 'legitimate_interest',
  legitimate_interest: 'legitimate_interest',
  'interet legitime': 'legitimate_interest',
}
const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value

/** Fields that can take several columns; the others take one. */
const MULTI_COLUMN: readonly CsvField[] = ['email', 'phone', 'links', 'tags', 'notes']

const headerKey = (header: string) =>
  foldText(header)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

export function suggestMapping(headers: readonly string[]): (CsvField | null)[] {
  const used = new Set<CsvField>()
  return headers.map((header) => {
    const key = headerKey(header)
    const field = csvFields.find((candidate) => HEADER_ALIASES[candidate].includes(key))
    if (!field || (used.has(field) && !MULTI_COLUMN.includes(field))) return null
    used.add(field)
    return field
  })
}

export function checkMapping(headers: readonly string[], mapping: readonly (CsvField | null)[]): void {
  if (mapping.length !== headers.length) {
    throw AppError.of('csv_mapping_length', { mapped: mapping.length, columns: headers.length }, [
      { path: 'mapping', message: `expected ${headers.length} entries` },
    ])
  }
  const issues: IssueDto[] = []
  for (const field of csvFields) {
    const count = mapping.filter((entry) => entry === field).length
    if (count > 1 && !MULTI_COLUMN.includes(field))
      issues.push({
        path: 'mapping',
        message: `Only one column can be the ${field.replace('_', ' ')}.`,
        key: 'v_csv_field_twice',
        params: { field },
      })
  }
  if (!mapping.some((field) => field === 'name' || field === 'first_name' || field === 'last_name')) {
    const shown = headers
      .slice(0, 8)
      .map((header) => `"${header}"`)
      .join(', ')
    issues.push({
      path: 'mapping',
      message: `No column holds the candidate's name. The file's columns are ${shown}${headers.length > 8 ? ', …' : ''}; map one to the name (or to first and last name).`,
      key: 'v_csv_no_name_column',
      params: { columns: `${shown}${headers.length > 8 ? ', …' : ''}` },
    })
  }
  const first = issues[0]
  if (first) throw AppError.of('invalid_field', { field: first.path, detail: first.message }, issues)
}

function splitCell(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((part) => part.trim())
    .filter(Boolean)
}

/**
 * One data row → a candidate, or the row's problems. Cells are only ever stored as text: a cell starting
 * with =, +, - or @ stays exactly what it was, and nothing in a cell is evaluated.
 */
export function rowToCandidate(
  cells: readonly string[],
  mapping: readonly (CsvField | null)[],
  region: PhoneRegion,
): { candidate: BulkCandidate | null; errors: string[] } {
  const errors: string[] = []
  const extra = cells.slice(mapping.length).filter((cell) => cell.trim() !== '').length
  if (extra > 0) errors.push(`has ${cells.length} cells; the header has ${mapping.length}`)
  let name = ''
  let first = ''
  let last = ''
  let location = ''
  let source = ''
  const emails: string[] = []
  const phones: string[] = []
  const links: string[] = []
  const tags: string[] = []
  const notes: string[] = []
  const consent: NonNullable<BulkCandidate['consent']> = {
    origin: 'imported',
    legalBasis: 'legitimate_interest',
    consentGivenOn: null,
    consentExpiresOn: null,
  }
  mapping.forEach((field, index) => {
    const value = (cells[index] ?? '').trim()
    if (!field || !value) return
    switch (field) {
      case 'name':
        name = value
        break
      case 'first_name':
        first = value
        break
      case 'last_name':
        last = value
        break
      case 'location':
        location = value
        break
      case 'source':
        source = value
        break
      case 'email':
        emails.push(...splitCell(value, /[;,\s]+/))
        break
      case 'phone':
        phones.push(...splitCell(value, /[;,]|\s\/\s/))
        break
      case 'links':
        links.push(...splitCell(value, /[\s;,]+/))
        break
      case 'tags':
        tags.push(...splitCell(value, /[;,|]/))
        break
      case 'notes':
        notes.push(value)
        break
      case 'origin': {
        const origin =
          ORIGIN_WORDS[
            foldText(value)
              .replace(/[^a-z ]+/g, ' ')
              .trim()
          ]
        if (origin) consent.origin = origin
        else errors.push(`"${value}" is not a data origin (applied, sourced, referred or imported)`)
        break
      }
      case 'legal_basis': {
        const basis =
          BASIS_WORDS[
            foldText(value)
              .replace(/[^a-z_ ]+/g, ' ')
              .trim()
          ]
        if (basis) consent.legalBasis = basis
        else errors.push(`"${value}" is not a legal basis (consent or legitimate interest)`)
        break
      }
      case 'consent_given_on':
      case 'consent_expires_on':
        if (!isCalendarDate(value)) errors.push(`"${value}" is not a date in the form YYYY-MM-DD`)
        else if (field === 'consent_given_on') consent.consentGivenOn = value
        else consent.consentExpiresOn = value
        break
    }
  })
  const fullName = (name || [first, last].filter(Boolean).join(' ')).replace(/\s+/g, ' ')
  if (!fullName) errors.push('the name is empty')
  if (fullName.length > LIMITS.name) errors.push(`the name is longer than ${LIMITS.name} characters`)
  if (location.length > LIMITS.location) errors.push(`the location is longer than ${LIMITS.location} characters`)
  if (source.length > LIMITS.source) errors.push(`the source is longer than ${LIMITS.source} characters`)
  if (tags.some((tag) => tag.length > LIMITS.tag)) errors.push(`a tag is longer than ${LIMITS.tag} characters`)
  if (notes.join('\n').length > LIMITS.notes) errors.push(`the notes are longer than ${LIMITS.notes} characters`)
  if (emails.length > 20 || phones.length > 20 || links.length > 30) errors.push('too many e-mails, phones or links')
  let candidate: BulkCandidate | null = null
  try {
    if (fullName) {
      candidate = {
        ...normaliseCandidate({ name: fullName, emails, phones, links, location, source, tags }, region),
        notes: notes.length ? [notes.join('\n')] : [],
        consent,
      }
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    for (const issue of error.issues ?? []) errors.push(issue.message)
  }
  return errors.length ? { candidate: null, errors } : { candidate, errors }
}
