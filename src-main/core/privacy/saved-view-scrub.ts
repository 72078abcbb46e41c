import type { PrivacyRepository } from './repository'

/**
 * Saved views keep what someone typed into a table's filters, which can be a candidate's name, e-mail or phone.
 * An erasure blanks those filter values (the view itself, its sort and columns stay) and renames a view whose
 * name holds them.
 */

/** The shortest piece of a name or e-mail looked for: shorter ones match too much unrelated text. */
const MIN_TERM = 3
/** The fewest digits that make a typed value a phone number rather than, say, a year. */
const MIN_PHONE_DIGITS = 6

export interface ErasedIdentity {
  name: string
  emails: readonly string[]
  phones: readonly string[]
}

export interface IdentityMatcher {
  (value: string): boolean
}

const fold = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim()
const digitsOf = (value: string) => value.replace(/\D/g, '')

/**
 * Whether a typed value points at the person: it contains a word of their name, an e-mail or its local part, or
 * part of a phone number; or it is a piece (of at least four characters) of the full name or an e-mail, as a
 * search typed half-way is. Erring towards blanking: a filter is cheap to type again, a leaked name is not.
 */
export function identityMatcher(identity: ErasedIdentity): IdentityMatcher {
  const whole = [identity.name, ...identity.emails].map(fold).filter((value) => value.length >= MIN_TERM)
  const terms = new Set<string>(whole)
  for (const word of fold(identity.name).split(/[\s,.'’-]+/)) if (word.length >= MIN_TERM) terms.add(word)
  for (const email of identity.emails) {
    const local = fold(email).split('@')[0] ?? ''
    if (local.length >= MIN_TERM) terms.add(local)
  }
  const phones = identity.phones.map(digitsOf).filter((digits) => digits.length >= MIN_PHONE_DIGITS)
  return (value) => {
    const folded = fold(value)
    if (folded.length === 0) return false
    for (const term of terms) if (folded.includes(term)) return true
    if (folded.length >= MIN_TERM + 1 && whole.some((entry) => entry.includes(folded))) return true
    // A phone typed with or without its country code, spaces or dashes, or in national form (the trunk 0 the
    // stored international number does not have): compare the digits only.
    const digits = digitsOf(value).replace(/^0+/, '')
    return digits.length >= MIN_PHONE_DIGITS && phones.some((phone) => phone.includes(digits) || digits.includes(phone))
  }
}

/**
 * The stored state with every string under `filters` that points at the person blanked; null when nothing did.
 * A state that is not JSON is left as it is: opening the view already ignores it.
 */
export function scrubViewState(stored: string, matches: IdentityMatcher): string | null {
  let state: unknown
  try {
    state = JSON.parse(stored)
  } catch {
    return null
  }
  if (typeof state !== 'object' || state === null || !('filters' in state)) return null
  let changed = false
  const blank = (value: unknown): unknown => {
    if (typeof value === 'string' && matches(value)) {
      changed = true
      return ''
    }
    if (Array.isArray(value)) return value.map(blank)
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, blank(entry)]))
    return value
  }
  const filters = blank(state.filters)
  return changed ? JSON.stringify({ ...state, filters }) : null
}

/**
 * Blanks, in everyone's saved views, the filter values that point at the person, and renames a view whose name
 * does (to its number); the views stay. Returns how many changed.
 */
export async function scrubSavedViews(repo: PrivacyRepository, identity: ErasedIdentity, at: string): Promise<number> {
  const matches = identityMatcher(identity)
  let changed = 0
  for (const view of await repo.savedViews()) {
    const state = scrubViewState(view.state, matches)
    const name = matches(view.name) ? `#${view.id}` : view.name
    if (state === null && name === view.name) continue
    await repo.setSavedView(view.id, { name, state: state ?? view.state }, at)
    changed++
  }
  return changed
}
