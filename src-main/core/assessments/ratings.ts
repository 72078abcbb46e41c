import { ratings, type Rating } from '@contract/closed-lists'
import type { RatingValue } from '../db/schema'

export { assessedSections } from '@contract/closed-lists'

export const ratingOf = (value: number): Rating => ratings[value] ?? 'unknown'

export function valueOf(rating: Rating): RatingValue {
  const index = ratings.indexOf(rating)
  return index === 1 || index === 2 || index === 3 || index === 4 ? index : 0
}
