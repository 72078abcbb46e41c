import type { AccountRole } from './closed-lists'

/**
 * Who may call a channel on a team server, declared next to the channel: a list of roles (any one of them is
 * enough, since a person may hold several), `signedIn` (every signed-in person, whatever their roles) or
 * `sessionFree` (answers before sign-in). A role means what it says: an administrator is not implicitly a
 * recruiter. A local workspace has one owner and checks none of this.
 */
export type Access = typeof sessionFree | typeof signedIn | readonly AccountRole[]

export const sessionFree = 'sessionFree' as const
export const signedIn = 'signedIn' as const

/** People and accounts, workspace settings, privacy (consent, retention, erasure, access export). */
export const administrators = ['administrator'] as const
/** Ladders, candidates, imports, new postings, messages: the recruiter's own work. */
export const recruiters = ['recruiter'] as const
/** The work on a posting: its hiring manager shares it (the service keeps them to the postings they manage). */
export const hiringTeam = ['recruiter', 'hiring_manager'] as const
/** Also an interviewer, on their own interviews only (the service's row rules decide which rows). */
export const panel = ['recruiter', 'hiring_manager', 'interviewer'] as const
/** Nobody on a team server: the one owner of a local workspace only (e.g. choosing who "me" is). */
export const localOnly = [] as const

/** Whether a signed-in person with these roles may call a channel of this access. */
export function permits(access: Access, roles: readonly AccountRole[]): boolean {
  if (access === sessionFree || access === signedIn) return true
  return access.some((role) => roles.includes(role))
}
