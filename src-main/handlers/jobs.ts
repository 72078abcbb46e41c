import type { DomainHandlers } from './context'

export const jobHandlers = {
  get: ({ id }, { services }) => services.jobs.get(id),
  cancel: ({ id }, { services }) => services.jobs.cancel(id),
} satisfies DomainHandlers<'jobs'>
