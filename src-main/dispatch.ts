import { contract, type Result } from '@contract'
import { permits, sessionFree } from '@contract/access'
import type { ChannelSpec } from '@contract/define'
import { actAs } from './core/accounts/acting-person'
import { asBusy } from './core/db/connection'
import { AppError } from './core/errors'
import { validationError } from './core/validation'
import { handlers, type HandlerContext } from './handlers'

/**
 * Handlers typed as methods are checked bivariantly, so a table of handlers with
 * specific inputs is assignable here; the input's schema was checked just before the call.
 */
type AnyHandler = { call(input: unknown, context: HandlerContext): unknown }['call']

interface Route {
  spec: ChannelSpec
  handler: AnyHandler
}

/** Channel name → schema and handler, built once from the contract (own keys only: no prototype lookups). */
const routes = new Map<string, Route>()
for (const [domain, actions] of Object.entries(contract)) {
  const domainHandlers: Record<string, AnyHandler> = handlers[domain as keyof typeof handlers]
  for (const [action, spec] of Object.entries<ChannelSpec>(actions)) {
    const handler = domainHandlers[action]
    if (handler) routes.set(`${domain}:${action}`, { spec, handler })
  }
}

export const channels: readonly string[] = [...routes.keys()]

/** The only channels a team server answers without a session: those the contract declares session-free. */
export const sessionFreeChannels: ReadonlySet<string> = new Set(
  [...routes].filter(([, route]) => route.spec.access === sessionFree).map(([channel]) => channel),
)

/**
 * On a team server the caller is checked here, before validation and handler: a call without a session is
 * refused whatever its channel or input, and so is a channel the caller's roles are not declared for, so a
 * refused call learns nothing about the data, not even whether its input was well formed.
 */
async function refusal(
  channel: string,
  route: Route | undefined,
  context: HandlerContext,
): Promise<Result<never> | null> {
  if (!context.team) return null
  if (!context.caller) {
    return sessionFreeChannels.has(channel) ? null : { ok: false, error: AppError.of('code_unauthenticated').toDto() }
  }
  if (!route || permits(route.spec.access, context.caller.roles)) return null
  await context.services.accounts.recordRefusal(context.caller.personId, channel)
  return { ok: false, error: AppError.of('permission_refused').toDto() }
}

/** Validates the input of a call, runs its handler and wraps the outcome in a result envelope. */
export async function dispatch(channel: string, input: unknown, context: HandlerContext): Promise<Result<unknown>> {
  const route = typeof channel === 'string' ? routes.get(channel) : undefined
  const refused = await refusal(channel, route, context)
  if (refused) return refused
  if (!route) {
    return {
      ok: false,
      error: AppError.of('code_unknown_channel', { channel: String(channel).slice(0, 100) }).toDto(),
    }
  }
  const parsed = route.spec.input.safeParse(input === undefined ? {} : input)
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
  try {
    // On a team server the signed-in person acts: the services read them through `actingCaller()`.
    const run = async () => await route.handler(parsed.data, context)
    return { ok: true, data: context.team ? await actAs(context.caller ?? null, run) : await run() }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toDto() }
    const busy = asBusy(error)
    if (busy) return { ok: false, error: busy.toDto() }
    console.error(`[${channel}]`, error)
    return {
      ok: false,
      error: AppError.of('code_internal').toDto(),
    }
  }
}
