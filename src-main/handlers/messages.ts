import type { DomainHandlers } from './context'

export const messageHandlers = {
  compose: (input, { services }) => services.messages.compose(input),
  send: (input, { services }) => services.messages.send(input),
  invite: ({ id }, { services }) => services.messages.invite(id),
} satisfies DomainHandlers<'messages'>
