import type { Rating } from '@contract/closed-lists'

export const RATING_COLORS: Record<Rating, string> = {
  unknown: '#e3e6ea',
  not_met: '#e4606d',
  partial: '#f0b54a',
  met: '#5cb85c',
  exceeds: '#2f8f5b',
}

/** Black or white text, whichever reads better on the rating's colour. */
export const ratingTextColor = (rating: Rating): string =>
  rating === 'not_met' || rating === 'exceeds' ? 'white' : 'black'
