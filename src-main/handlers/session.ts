import { AppError } from '../core/errors'
import type { DomainHandlers, TeamRequest } from './context'

const teamOnly = (team: TeamRequest | undefined): TeamRequest => {
  if (!team) throw AppError.of('session_team_only')
  return team
}

const signedIn = (team: TeamRequest | undefined) => {
  const session = teamOnly(team).session
  if (!session) throw AppError.of('code_unauthenticated')
  return session
}

export const sessionHandlers = {
  signIn: async (input, { services, team }) => {
    const request = teamOnly(team)
    const issued = await services.accounts.signIn(input, request.address)
    request.setSessionCookie(issued.token)
    return issued.session
  },
  signOut: async (_input, { services, team }) => {
    await services.accounts.signOut(signedIn(team))
    team?.setSessionCookie(null)
    return { signedOut: true as const }
  },
  signOutEverywhere: async (_input, { services, team }) => {
    const sessionsEnded = await services.accounts.signOutEverywhere(signedIn(team))
    team?.setSessionCookie(null)
    return { sessionsEnded }
  },
  current: (_input, { services, team }) => services.accounts.current(team?.session?.expiresAt ?? null),
} satisfies DomainHandlers<'session'>

export const accountHandlers = {
  list: (_input, { services }) => services.accounts.list(),
  create: (input, { services }) => services.accounts.create(input),
  disable: ({ personId }, { services }) => services.accounts.disable(personId),
  enable: ({ personId }, { services }) => services.accounts.enable(personId),
  resetPassword: ({ personId, password }, { services }) => services.accounts.resetPassword(personId, password),
  setRoles: ({ personId, roles }, { services }) => services.accounts.setRoles(personId, roles),
} satisfies DomainHandlers<'accounts'>
