import type { ScorecardRating, Recommendation } from '@contract'

/* The renderer may import only types from the contract; annotating with its unions keeps these lists in step. */
export const ratingValues: ScorecardRating[] = [1, 2, 3, 4]
export const recommendationValues: Recommendation[] = ['strong_no', 'no', 'yes', 'strong_yes']
