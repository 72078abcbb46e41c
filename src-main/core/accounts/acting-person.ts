import { AsyncLocalStorage } from 'node:async_hooks'
import type { AccountRole } from '../db/schema'

/** The signed-in person of a team server call. */
export interface Caller {
  personId: number
  roles: readonly AccountRole[]
}

/**
 * Who acts in the call being served. The team server's dispatcher runs each handler inside `actAs`, so the
 * services' one question "who acts?" (`WorkspaceService.currentPersonId`) is answered by the session without a
 * parameter threaded through every signature. Outside `actAs` (desktop, CLI, tests) nothing is stored and the
 * local workspace's chosen "me" acts.
 */
const acting = new AsyncLocalStorage<{ caller: Caller | null }>()

export function actAs<T>(caller: Caller | null, work: () => Promise<T>): Promise<T> {
  return acting.run({ caller }, work)
}

/** `undefined` outside a team server call; `null` inside one made before signing in. */
export function actingCaller(): Caller | null | undefined {
  return acting.getStore()?.caller
}
