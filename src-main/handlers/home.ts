import type { DomainHandlers } from './context'

export const homeHandlers = {
  summary: (input, { services }) => services.home.summary(input),
} satisfies DomainHandlers<'home'>
