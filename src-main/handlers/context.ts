import type { Handlers } from '@contract'
import type { DomainHandlersOf } from '@contract/define'
import type { Contract } from '@contract'
import type { Services } from '../core/services'

/** What a handler gets besides its validated input. */
export interface HandlerContext {
  services: Services
}

export type AppHandlers = Handlers<HandlerContext>
export type DomainHandlers<D extends keyof Contract> = DomainHandlersOf<Contract[D], HandlerContext>
