import type { ApplicantSortColumn, ApplicationStatus } from '@contract'

/* The renderer may import only types from the contract; annotating with its unions keeps these lists in step. */
export const applicationStatuses: ApplicationStatus[] = ['active', 'hired', 'rejected', 'withdrawn']
export const applicantSortColumns: ApplicantSortColumn[] = [
  'name',
  'stage',
  'status',
  'source',
  'applied',
  'inStage',
  'activity',
]

export const statusColors: Record<ApplicationStatus, string> = {
  active: 'blue',
  hired: 'green',
  rejected: 'red',
  withdrawn: 'gray',
}
