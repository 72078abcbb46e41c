import type { ScorecardState } from '@contract'
import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'

const colors: Record<ScorecardState, string> = { none: 'gray', draft: 'yellow', submitted: 'green', amending: 'orange' }

export function ScorecardStateBadge({ state }: { state: ScorecardState }) {
  const { t } = useTranslation('interviews')
  return (
    <Badge variant="light" color={colors[state]}>
      {t(`state.${state}`)}
    </Badge>
  )
}
