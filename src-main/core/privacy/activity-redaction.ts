/** What an erasure keeps of an activity entry's detail: ids, counts and states, never a person's data. */

/** Keys of activity details that hold ids, counts, states or stage names, never a person's data. */
const SAFE_DETAIL_VALUE = (value: unknown): boolean =>
  value === null ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  (Array.isArray(value) && value.every((item) => typeof item === 'number'))

/** The detail with only its safe values, marked as redacted; a detail that is not an object becomes the mark alone. */
export function redactDetail(detail: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return '{"redacted":true}'
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '{"redacted":true}'
  const kept = Object.fromEntries(Object.entries(parsed).filter(([, value]) => SAFE_DETAIL_VALUE(value)))
  return JSON.stringify({ ...kept, redacted: true })
}
