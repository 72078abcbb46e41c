import type { Rating } from '@contract'
import { Badge, type BadgeProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ratingColors } from './rating-enums'

export function RatingBadge({ rating, ...props }: { rating: Rating } & Omit<BadgeProps, 'color' | 'children'>) {
  const { t } = useTranslation('assessments')
  return (
    <Badge
      color={ratingColors[rating]}
      variant={rating === 'unknown' ? 'outline' : 'filled'}
      style={{ minWidth: 'max-content' }}
      data-rating={rating}
      {...props}
    >
      {t(`rating.${rating}`)}
    </Badge>
  )
}
