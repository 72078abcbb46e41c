import type { Rating } from '@contract'
import { ratings } from '@contract/closed-lists'

export { evidenceSources, ratings } from '@contract/closed-lists'

/** One colour per rating, from "no information" (grey) to "beyond" (teal). */
export const ratingColors: Record<Rating, string> = {
  unknown: 'gray',
  not_met: 'red',
  partial: 'yellow',
  met: 'green',
  exceeds: 'teal',
}

/** Keys 1–5 rate, in the order of `ratings`. */
export const ratingForKey = (key: string): Rating | undefined =>
  /^[1-5]$/.test(key) ? ratings[Number(key) - 1] : undefined
