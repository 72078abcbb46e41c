import type { PostingStatus } from '@contract'
import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'

const statusColors: Record<PostingStatus, string> = { draft: 'gray', open: 'green', paused: 'yellow', closed: 'dark' }

export function StatusBadge({ status }: { status: PostingStatus }) {
  const { t } = useTranslation('postings')
  return (
    <Badge color={statusColors[status]} variant="light" style={{ minWidth: 'max-content' }}>
      {t(`status.${status}`)}
    </Badge>
  )
}
