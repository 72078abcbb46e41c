import type { FocusItemDto, IssueDto, RatingEntryDto, ScorecardContentDto } from '@contract'
import { AppError } from '../errors'

/**
 * A scorecard as stored: one entry per focus item of the interview, in the plan's order, unrated items
 * included. Ratings for anything that is not a focus item of the interview are refused.
 */
export function normaliseContent(focusItems: FocusItemDto[], content: ScorecardContentDto): ScorecardContentDto {
  const known = new Set(focusItems.map((item) => item.key))
  const issues: IssueDto[] = content.ratings.flatMap((entry, index) =>
    known.has(entry.key)
      ? []
      : [{ path: `ratings.${index}.key`, message: `${entry.key} is not a focus item of this interview` }],
  )
  const first = issues[0]
  if (first) {
    throw AppError.of('scorecard_rates_uncovered', { path: first.path }, issues)
  }
  const given = new Map(content.ratings.map((entry) => [entry.key, entry]))
  return {
    ratings: focusItems.map((item): RatingEntryDto => ({
      key: item.key,
      rating: given.get(item.key)?.rating ?? null,
      note: given.get(item.key)?.note ?? '',
    })),
    keyTakeaways: content.keyTakeaways,
    recommendation: content.recommendation,
  }
}

export const emptyContent = (focusItems: FocusItemDto[]): ScorecardContentDto =>
  normaliseContent(focusItems, { ratings: [], keyTakeaways: '', recommendation: null })

/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const unfolded: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Ø: 'O',
  ø: 'o',
  Đ: 'D',
  đ: 'd',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  ı: 'i',
  Þ: 'Th',
  þ: 'th',
}

/** A file name made of plain words: safe on every file system and in a download attribute. */
export function fileSlug(...parts: string[]): string {
  return (
    parts
      .join(' ')
      .replace(/[ŁłØøĐđßÆæŒœıÞþ]/g, (char) => unfolded[char] ?? '')
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 80) || 'interview'
  )
}
