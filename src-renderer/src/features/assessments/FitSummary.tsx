import type { FitDto } from '@contract'
import { Badge, Group, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Must-haves, score, how much is assessed and a knock-out; `compact` stacks them for narrow columns. */
export function FitSummary({ fit, compact = false }: { fit: FitDto; compact?: boolean }) {
  const { t } = useTranslation('assessments')
  const allMustHaves = fit.mustHavesTotal > 0 && fit.mustHavesMet === fit.mustHavesTotal
  return (
    <Group
      gap={compact ? 4 : 'xs'}
      data-testid="fit-summary"
      style={compact ? { flexDirection: 'column', alignItems: 'flex-start' } : undefined}
    >
      <Badge variant="light" color={allMustHaves ? 'green' : 'gray'} data-testid="fit-must-haves">
        {t('fit.mustHaves', { met: fit.mustHavesMet, total: fit.mustHavesTotal })}
      </Badge>
      <Tooltip label={t('fit.scoreHelp')} multiline w={280}>
        <Badge variant="light" color="indigo" data-testid="fit-score">
          {t('fit.score', { score: Math.round(fit.score) })}
        </Badge>
      </Tooltip>
      {!compact && (
        <Badge variant="outline" color="gray">
          {t('fit.assessed', { assessed: fit.assessed, total: fit.total })}
        </Badge>
      )}
      {fit.knockedOut && (
        <Badge color="red" data-testid="fit-knocked-out">
          {t('fit.knockedOut')}
        </Badge>
      )}
    </Group>
  )
}
