import type { JobDto } from '@contract'
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { errorText } from '../api/error-text'
import { useApiMutation } from '../api/query'

/** Progress of a background job with a cancel button; shows the outcome once it ends. */
export function JobProgress({ job }: { job: JobDto }) {
  const { t } = useTranslation()
  const cancel = useApiMutation(api.jobs.cancel, { invalidate: [['jobs', job.id]] })
  const percent = job.total ? Math.min(100, Math.round((job.done / job.total) * 100)) : null
  if (job.status === 'failed' || job.status === 'cancelled') {
    return (
      <Alert color={job.status === 'failed' ? 'red' : 'gray'} title={t(`jobs.${job.status}`)}>
        {job.error && errorText(job.error)}
      </Alert>
    )
  }
  return (
    <Stack gap={4}>
      <Progress
        value={percent ?? 100}
        animated={job.status === 'running'}
        striped={percent === null}
        aria-label={t('jobs.progress')}
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {job.total ? t('jobs.count', { done: job.done, total: job.total }) : job.message}
        </Text>
        {job.status === 'running' && (
          <Button size="xs" variant="default" onClick={() => cancel.mutate({ id: job.id })} loading={cancel.isPending}>
            {t('actions.cancel')}
          </Button>
        )}
      </Group>
    </Stack>
  )
}
