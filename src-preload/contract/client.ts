import type { ApiOf, ContractSpec } from './define'

export type Invoke = (channel: string, input: unknown) => Promise<unknown>

/** Builds `api.<domain>.<action>(input)` from the contract's keys; each call goes through `invoke`. */
export function buildApi<C extends ContractSpec>(contract: C, invoke: Invoke): ApiOf<C> {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const [domain, actions] of Object.entries(contract)) {
    const methods: Record<string, (input: unknown) => Promise<unknown>> = {}
    for (const action of Object.keys(actions)) methods[action] = (input) => invoke(`${domain}:${action}`, input)
    api[domain] = methods
  }
  // The loop above creates exactly the shape ApiOf<C> describes; TypeScript cannot follow it through Object.entries.
  return api as ApiOf<C>
}
