import type { EvidenceSource, Rating } from '@contract'

/* The renderer may import only types from the contract; annotating with its unions keeps these lists in step. */
export const ratings: Rating[] = ['unknown', 'not_met', 'partial', 'met', 'exceeds']
export const evidenceSources: EvidenceSource[] = ['resume', 'screen', 'interview', 'reference', 'other']

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
