import type { ApplicationStatus } from '@contract'

export { applicationStatuses } from '@contract/closed-lists'

export const statusColors: Record<ApplicationStatus, string> = {
  active: 'blue',
  hired: 'green',
  rejected: 'red',
  withdrawn: 'gray',
}
