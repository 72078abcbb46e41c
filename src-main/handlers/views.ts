import type { DomainHandlers } from './context'

export const viewHandlers = {
  list: (input, { services }) => services.views.list(input),
  create: (input, { services }) => services.views.create(input),
  update: (input, { services }) => services.views.update(input),
  rename: (input, { services }) => services.views.rename(input),
  remove: (input, { services }) => services.views.remove(input),
} satisfies DomainHandlers<'views'>
