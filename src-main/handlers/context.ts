import type { Handlers } from '@contract'
import type { DomainHandlersOf } from '@contract/define'
import type { Contract } from '@contract'
import type { Caller } from '../core/accounts/acting-person'
import type { ResolvedSession } from '../core/accounts/service'
import type { Services } from '../core/services'

/** What the team server knows of the request a call came in, and how a handler sets or clears its cookie. */
export interface TeamRequest {
  /** The peer's address, for the failed sign-in throttle. */
  address: string
  /** The session the request's cookie names, already checked; null when none is valid. */
  session: ResolvedSession | null
  /** Sends the session cookie with the response (a new token), or clears it (null). */
  setSessionCookie(token: string | null): void
}

/** What a handler gets besides its validated input. */
export interface HandlerContext {
  services: Services
  /**
   * The signed-in person on a team server, who acts in the call; null in a local workspace (where the chosen
   * "me" acts) and on a team server before sign-in.
   */
  caller?: Caller | null
  /** Present on a team server only. */
  team?: TeamRequest
}

export type AppHandlers = Handlers<HandlerContext>
export type DomainHandlers<D extends keyof Contract> = DomainHandlersOf<Contract[D], HandlerContext>
