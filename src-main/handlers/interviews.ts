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
  list: (filter, { services }) => services.interviews.list(filter),
  mine: (_input, { services }) => services.interviews.mine(),
  schedule: (input, { services }) => services.interviews.schedule(input),
  reschedule: (input, { services }) => services.interviews.reschedule(input),
  cancel: ({ id }, { services }) => services.interviews.cancel(id),
  packet: ({ id }, { services }) => services.interviews.packet(id),
  kit: ({ id, language }, { services }) => services.interviews.kit(id, language),
  debrief: ({ applicationId, reveal }, { services }) => services.interviews.debrief(applicationId, reveal),
  calibration: ({ postingId }, { services }) => services.interviews.calibration(postingId),
} satisfies DomainHandlers<'interviews'>
