import type { DomainHandlers } from './context'

export const interviewHandlers = {
  plan: ({ postingId }, { services }) => services.interviewPlans.plan(postingId),
  addStep: (input, { services }) => services.interviewPlans.addStep(input),
  updateStep: (input, { services }) => services.interviewPlans.updateStep(input),
  removeStep: ({ id }, { services }) => services.interviewPlans.removeStep(id),
  reorderSteps: ({ postingId, stepIds }, { services }) => services.interviewPlans.reorderSteps(postingId, stepIds),
  copyPlan: ({ fromPostingId, toPostingId }, { services }) =>
    services.interviewPlans.copyPlan(fromPostingId, toPostingId),
  setHiringManager: ({ postingId, personId }, { services }) =>
    services.interviewPlans.setHiringManager(postingId, personId),
} satisfies DomainHandlers<'interviews'>
