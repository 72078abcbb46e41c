import { z } from 'zod'
import { accountRoles, type AccountRole } from './closed-lists'
import { empty, id, name } from './common'
import { administrators, sessionFree, signedIn } from './access'
import { returns } from './define'

export { accountRoles, type AccountRole } from './closed-lists'

/** Who is using the app: on a team server the signed-in person and their roles; locally the chosen "me". */
export interface SessionDto {
  workspace: 'local' | 'team'
  person: { id: number; name: string; email: string | null } | null
  roles: AccountRole[]
  /**
   * The channels (`domain:action`) the person's roles allow on a team server, as the contract declares them,
   * so the screens offer only what the server accepts; null in a local workspace, where everything is allowed.
   */
  channels: string[] | null
  /** When the session ends at the latest (team server only). */
  expiresAt: string | null
}

/** One member of the team, as the Team page lists them. */
export interface TeamMemberDto {
  personId: number
  name: string
  email: string | null
  roles: AccountRole[]
  /** False for a person without an account (every person of a local workspace). */
  hasAccount: boolean
  disabled: boolean
  archived: boolean
}

const email = z.string().trim().toLowerCase().max(320).pipe(z.email('Not an email address'))
/** Long enough to resist guessing at scrypt's cost; bounded so hashing a huge body cannot be asked for. */
const newPassword = z.string().min(12).max(200)
const roles = z
  .array(z.enum(accountRoles))
  .min(1)
  .max(accountRoles.length)
  .refine((list) => new Set(list).size === list.length, 'A role appears twice')

/**
 * Signing in and out. On a team server only `signIn` answers without a session; the session itself travels in an
 * HttpOnly cookie and never appears in a result.
 */
export const sessionContract = {
  signIn: {
    access: sessionFree,
    // A wrong password must not be told apart from a malformed one, so only the size is checked here.
    input: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) }).strict(),
    output: returns<SessionDto>(),
  },
  signOut: { access: signedIn, input: empty, output: returns<{ signedOut: true }>() },
  signOutEverywhere: { access: signedIn, input: empty, output: returns<{ sessionsEnded: number }>() },
  current: { access: signedIn, input: empty, output: returns<SessionDto>() },
}

/** The team's accounts: administrators manage them on a team server; everyone sees the list. */
export const accountsContract = {
  list: { access: signedIn, input: empty, output: returns<TeamMemberDto[]>() },
  create: {
    access: administrators,
    input: z.object({ name: name(), email, password: newPassword, roles }).strict(),
    output: returns<TeamMemberDto>(),
  },
  /** Ends the account's sessions at once. */
  disable: { access: administrators, input: z.object({ personId: id }).strict(), output: returns<TeamMemberDto>() },
  enable: { access: administrators, input: z.object({ personId: id }).strict(), output: returns<TeamMemberDto>() },
  /** Sets a new password and ends the account's sessions. */
  resetPassword: {
    access: administrators,
    input: z.object({ personId: id, password: newPassword }).strict(),
    output: returns<TeamMemberDto>(),
  },
  setRoles: {
    access: administrators,
    input: z.object({ personId: id, roles }).strict(),
    output: returns<TeamMemberDto>(),
  },
}
