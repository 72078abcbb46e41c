/**
 * The order of a posting's applicants as its table last showed them, so n/p in the assessment view follow
 * the table's sort and filters. Kept for the session only; without it the view falls back to name order.
 */
const orders = new Map<number, number[]>()

export function rememberApplicantOrder(postingId: number, applicationIds: number[]): void {
  orders.set(postingId, applicationIds)
}

export function neighbourInOrder(postingId: number, applicationId: number, step: -1 | 1): number | null | undefined {
  const order = orders.get(postingId)
  const index = order?.indexOf(applicationId) ?? -1
  if (!order || index < 0) return undefined
  return order[index + step] ?? null
}
