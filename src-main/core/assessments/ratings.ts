import { ratings, type Rating } from '@contract/assessments'
import type { RatingValue } from '../db/schema'

/** Sections whose items are measured against applicants. */
export const assessedSections = ['responsibility', 'requirement', 'nice_to_have'] as const

export const ratingOf = (value: number): Rating => ratings[value] ?? 'unknown'

export function valueOf(rating: Rating): RatingValue {
  const index = ratings.indexOf(rating)
  return index === 1 || index === 2 || index === 3 || index === 4 ? index : 0
}
