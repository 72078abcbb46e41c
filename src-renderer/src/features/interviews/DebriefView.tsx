import type { ApplicationDto, DebriefDto, DebriefItemDto } from '@contract'
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Switch, Table, Text, Title } from '@mantine/core'
import { IconArrowRight, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { formatWhen } from '../../i18n/format'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { applicationKeys, useStages } from '../applications/application-queries'
import { openStatusDialog } from '../applications/StatusDialog'
import { notifyWithUndo, singleUndo } from '../applications/undo'
import { candidateKeys } from '../candidates/candidate-queries'
import { interviewKeys, useDebrief } from './interview-queries'

/** Who said what on each focus item, with disagreements and gaps; locked until the viewer has submitted. */
export function DebriefView({ application }: { application: ApplicationDto }) {
  const applicationId = application.id
  const postingId = application.postingId
  const { t } = useTranslation('interviews')
  const [reveal, setReveal] = useState(false)
  const debrief = useDebrief(applicationId, reveal)
  if (debrief.isPending) return <Loader />
  if (debrief.isError) return <Alert color="red">{debrief.error.message}</Alert>
  const data = debrief.data
  return (
    <Stack>
      {data.canReveal && (
        <Switch
          label={t('debrief.reveal')}
          description={t('debrief.revealHelp')}
          checked={reveal}
          onChange={(event) => setReveal(event.currentTarget.checked)}
        />
      )}
      {data.access === 'locked' ? (
        <Alert color="gray" title={t('debrief.lockedTitle')}>
          {t('debrief.locked')}
        </Alert>
      ) : (
        <>
          {data.access === 'hiring_manager' && (
            <Alert color="orange" variant="light">
              {t('debrief.revealed')}
            </Alert>
          )}
          <Recommendations debrief={data} />
          <Items debrief={data} postingId={postingId} />
          <NextStep application={application} />
        </>
      )}
      {data.waitingFor.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('debrief.waitingFor', {
            names: data.waitingFor.map((entry) => `${entry.interviewerName} (${entry.stepName})`).join(', '),
          })}
        </Text>
      )}
    </Stack>
  )
}

function Recommendations({ debrief }: { debrief: DebriefDto }) {
  const { t, i18n } = useTranslation('interviews')
  if (debrief.scorecards.length === 0) return <Text c="dimmed">{t('debrief.noScorecards')}</Text>
  return (
    <Card withBorder>
      <Title order={3} mb="sm">
        {t('debrief.recommendations')}
      </Title>
      <Table aria-label={t('debrief.recommendations')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.interviewer')}</Table.Th>
            <Table.Th>{t('columns.step')}</Table.Th>
            <Table.Th>{t('scorecard.recommendation')}</Table.Th>
            <Table.Th>{t('scorecard.takeaways')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {debrief.scorecards.map((scorecard) => (
            <Table.Tr key={scorecard.scorecardId}>
              <Table.Td>
                <Anchor component={Link} href={`/interviews/${scorecard.interviewId}`}>
                  {scorecard.interviewerName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t('versions.label', { version: scorecard.version })} ·{' '}
                  {formatWhen(scorecard.submittedAt, i18n.language)}
                  {scorecard.source === 'imported' && ` · ${t('versions.imported')}`}
                </Text>
              </Table.Td>
              <Table.Td>{scorecard.stepName}</Table.Td>
              <Table.Td>
                <Badge color={scorecard.recommendation.endsWith('yes') ? 'green' : 'red'} variant="light">
                  {t(`recommendation.${scorecard.recommendation}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {scorecard.keyTakeaways}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function Items({ debrief, postingId }: { debrief: DebriefDto; postingId: number }) {
  const { t } = useTranslation('interviews')
  const disagreements = debrief.items.filter((item) => item.disagreement).length
  const unrated = debrief.items.filter((item) => item.unrated).length
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('debrief.items')}</Title>
        <Group gap="xs">
          <Badge color="red" variant={disagreements > 0 ? 'filled' : 'light'}>
            {t('debrief.disagreements', { count: disagreements })}
          </Badge>
          <Badge color="gray" variant="light">
            {t('debrief.unratedCount', { count: unrated })}
          </Badge>
        </Group>
      </Group>
      <Table aria-label={t('debrief.items')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('debrief.focusItem')}</Table.Th>
            <Table.Th>{t('debrief.whoSaidWhat')}</Table.Th>
            <Table.Th>{t('debrief.spread')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {debrief.items.map((item) => (
            <ItemRow key={item.key} item={item} applicationId={debrief.applicationId} postingId={postingId} />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function ItemRow({
  item,
  applicationId,
  postingId,
}: {
  item: DebriefItemDto
  applicationId: number
  postingId: number
}) {
  const { t } = useTranslation('interviews')
  return (
    <Table.Tr
      aria-label={item.label}
      data-disagreement={item.disagreement || undefined}
      bg={item.disagreement ? 'var(--mantine-color-red-light)' : undefined}
    >
      <Table.Td>
        <Text size="sm" fw={500}>
          {item.label}
        </Text>
        <Text size="xs" c="dimmed">
          {[t(`focus.kind.${item.kind}`), ...item.stepNames].join(' · ')}
        </Text>
        {item.requirementId !== null && (
          <Anchor component={Link} href={`/postings/${postingId}/applications/${applicationId}/assess`} size="xs">
            {t('debrief.evidence')}
          </Anchor>
        )}
      </Table.Td>
      <Table.Td>
        {item.ratings.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('debrief.nobody')}
          </Text>
        ) : (
          <Stack gap={4}>
            {item.ratings.map((entry) => (
              <div key={entry.interviewId}>
                <Text size="sm">
                  <Text span fw={600}>
                    {entry.interviewerName}
                  </Text>
                  {': '}
                  {entry.rating === null ? t('scorecard.unrated') : `${entry.rating} · ${t(`scale.${entry.rating}`)}`}
                </Text>
                {entry.note && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {entry.note}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        {item.unrated ? (
          <Badge color="gray" variant="light">
            {t('debrief.unrated')}
          </Badge>
        ) : item.disagreement ? (
          <Badge color="red">{t('debrief.disagreement', { spread: item.spread })}</Badge>
        ) : (
          <Text size="sm">{item.spread}</Text>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

/** Where the debrief leads: on to the next stage, or a rejection with its reason; both can be undone. */
function NextStep({ application }: { application: ApplicationDto }) {
  const { t } = useTranslation(['interviews', 'applications'])
  const stages = useStages(application.postingId)
  const move = useApiMutation(api.applications.move, {
    invalidate: [applicationKeys.all, applicationKeys.allStages, candidateKeys.all, interviewKeys.all],
    quiet: true,
    onSuccess: (moved) =>
      notifyWithUndo(t('debrief.next.moved', { name: moved.candidateName, stage: moved.stageName }), singleUndo(moved)),
  })
  if (application.status !== 'active' || !stages.data) return null
  const current = stages.data.find((stage) => stage.id === application.stageId)
  const next = stages.data
    .filter((stage) => current !== undefined && stage.position > current.position)
    .sort((a, b) => a.position - b.position)[0]
  return (
    <Card withBorder role="region" aria-label={t('debrief.next.title')}>
      <Title order={3} mb="xs">
        {t('debrief.next.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('debrief.next.help', { stage: application.stageName })}
      </Text>
      <Group>
        {next && (
          <Button
            leftSection={<IconArrowRight size={16} />}
            loading={move.isPending}
            onClick={() => move.mutate({ id: application.id, stageId: next.id })}
          >
            {t('debrief.next.advance', { stage: next.name })}
          </Button>
        )}
        <Button
          variant="default"
          color="red"
          leftSection={<IconX size={16} />}
          onClick={() =>
            openStatusDialog(
              { id: application.id, name: application.candidateName, stageId: application.stageId },
              'rejected',
              stages.data,
            )
          }
        >
          {t('debrief.next.reject')}
        </Button>
      </Group>
    </Card>
  )
}
