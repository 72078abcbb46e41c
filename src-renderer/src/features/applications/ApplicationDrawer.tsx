import type { ApplicationDetailDto, StageDto } from '@contract'
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { assessPath } from '../assessments/AssessmentPage'
import { candidateKeys } from '../candidates/candidate-queries'
import { statusColors } from './application-enums'
import { applicationKeys, useApplication, useStages } from './application-queries'
import { openMessageDialog } from './MessageDialog'
import { openStatusDialog } from './StatusDialog'
import { formatWhen } from '../../i18n/format'

const DAY_MS = 86_400_000

export function ApplicationStatusBadge({ status }: { status: ApplicationDetailDto['status'] }) {
  const { t } = useTranslation('applications')
  return (
    <Badge color={statusColors[status]} variant="light" style={{ minWidth: 'max-content' }}>
      {t(`status.${status}`)}
    </Badge>
  )
}

/** One application: where it stands, the actions on it, its time in each stage and its whole history. */
export function ApplicationDrawer({ applicationId, onClose }: { applicationId: number | null; onClose: () => void }) {
  const { t } = useTranslation('applications')
  const application = useApplication(applicationId)
  const data = application.data
  return (
    <Drawer
      opened={applicationId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={data ? t('drawer.title', { name: data.candidateName, posting: data.postingTitle }) : ''}
    >
      {application.isPending && applicationId !== null && <Loader />}
      {application.isError && <Alert color="red">{application.error.message}</Alert>}
      {data && <ApplicationDetail application={data} />}
    </Drawer>
  )
}

function ApplicationDetail({ application }: { application: ApplicationDetailDto }) {
  const { t } = useTranslation(['applications', 'assessments', 'common', 'interviews'])
  const stages = useStages(application.postingId).data ?? []
  const move = useApiMutation(api.applications.move, {
    invalidate: [applicationKeys.all, applicationKeys.allStages, candidateKeys.all],
  })
  const target = { id: application.id, name: application.candidateName, stageId: application.stageId }
  const days = (ms: number) => (ms / DAY_MS).toFixed(1)
  return (
    <Stack>
      <Group gap="xs">
        <Text fw={600}>{application.stageName}</Text>
        <ApplicationStatusBadge status={application.status} />
        <Anchor component={Link} href={assessPath(application.postingId, application.id)} size="sm" ml="auto">
          {t('assessments:table.assess', { name: application.candidateName })}
        </Anchor>
        <Anchor component={Link} href={`/applications/${application.id}/interviews`} size="sm">
          {t('interviews:application.open')}
        </Anchor>
        <Anchor component={Link} href={`/candidates/${application.candidateId}`} size="sm">
          {t('drawer.profile')}
        </Anchor>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() =>
            openMessageDialog(application, application.status === 'rejected' ? 'rejection_after_screen' : undefined)
          }
        >
          {t('message.action')}
        </Button>
      </Group>
      {application.reason && (
        <Text size="sm" c="dimmed">
          {t('drawer.reason', { reason: application.reason })}
        </Text>
      )}
      <Actions
        application={application}
        stages={stages}
        target={target}
        onMove={(stageId) => move.mutate({ id: application.id, stageId, fromStageId: application.stageId })}
      />
      <Title order={4}>{t('drawer.timeInStage')}</Title>
      <Table aria-label={t('drawer.timeInStage')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.stage')}</Table.Th>
            <Table.Th>{t('drawer.days')}</Table.Th>
            <Table.Th>{t('drawer.visits')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {application.timeInStages.map((entry) => (
            <Table.Tr key={entry.stageId}>
              <Table.Td>
                {entry.stageName}
                {entry.current && ` (${t('drawer.now')})`}
              </Table.Td>
              <Table.Td>{days(entry.ms)}</Table.Td>
              <Table.Td>{entry.visits}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4}>{t('drawer.history')}</Title>
      <Timeline bulletSize={12} lineWidth={2} aria-label={t('drawer.history')}>
        {[...application.events].reverse().map((event) => (
          <Timeline.Item
            key={event.id}
            title={
              event.fromStatus === null
                ? t('drawer.event.entered', { stage: event.toStage.name })
                : event.fromStatus !== event.toStatus
                  ? t(`drawer.event.${event.toStatus}`, { stage: event.toStage.name })
                  : t('drawer.event.moved', { from: event.fromStage?.name ?? '', to: event.toStage.name })
            }
          >
            {event.reason && <Text size="sm">{event.reason}</Text>}
            <Text size="xs" c="dimmed">
              {[
                event.person,
                formatWhen(event.at),
                event.applicationId === application.id ? '' : t('drawer.mergedHistory'),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  )
}

function Actions({
  application,
  stages,
  target,
  onMove,
}: {
  application: ApplicationDetailDto
  stages: StageDto[]
  target: { id: number; name: string; stageId: number }
  onMove: (stageId: number) => void
}) {
  const { t } = useTranslation('applications')
  if (application.postingStatus === 'closed') return <Text size="sm">{t('drawer.closedPosting')}</Text>
  if (application.status !== 'active') {
    return (
      <Group>
        <Button variant="default" onClick={() => openStatusDialog(target, 'active', stages)}>
          {t('actions.reopen')}
        </Button>
      </Group>
    )
  }
  return (
    <Group align="flex-end">
      <Select
        label={t('actions.moveTo')}
        data={stages
          .filter((stage) => stage.kind === 'open')
          .map((stage) => ({ value: String(stage.id), label: stage.name }))}
        value={String(application.stageId)}
        allowDeselect={false}
        onChange={(value) => value && Number(value) !== application.stageId && onMove(Number(value))}
        w={200}
      />
      <Button color="green" variant="light" onClick={() => openStatusDialog(target, 'hired', stages)}>
        {t('actions.hire')}
      </Button>
      <Button color="red" variant="light" onClick={() => openStatusDialog(target, 'rejected', stages)}>
        {t('actions.reject')}
      </Button>
      <Button variant="default" onClick={() => openStatusDialog(target, 'withdrawn', stages)}>
        {t('actions.withdraw')}
      </Button>
    </Group>
  )
}
