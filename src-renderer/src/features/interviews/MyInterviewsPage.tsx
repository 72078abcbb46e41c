import { Anchor, Badge, Button, Card, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconFileImport, IconPackageImport } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { fileToBase64 } from '../../components/files'
import { formatWhen } from '../../i18n/format'
import { InterviewTable } from './ApplicationInterviewsPage'
import { useCan } from '../team/permissions'
import { interviewKeys, useExternalInterviews, useMyInterviews } from './interview-queries'

const JSON_ACCEPT = '.json,application/json'

/** The local person's interviews, and packets opened from other workspaces. */
export function MyInterviewsPage() {
  const { t } = useTranslation('interviews')
  const can = useCan()
  // Packets stand for interviewers outside the workspace: the hiring team's business, not an interviewer's.
  const packets = can('scorecards:externalList')
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('mine.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('mine.description')}
          </Text>
        </div>
        <Group>
          {can('scorecards:import') && <ImportScorecardButton />}
          {packets && <OpenPacketButton />}
        </Group>
      </Group>
      <MyInterviews />
      {packets && <ExternalInterviewsTable />}
    </Stack>
  )
}

function MyInterviews() {
  const { t } = useTranslation('interviews')
  const mine = useMyInterviews()
  return (
    <Card withBorder>
      <Title order={3} mb="xs">
        {t('mine.scheduled')}
      </Title>
      {mine.data?.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('mine.empty')}
        </Text>
      ) : (
        <InterviewTable interviews={mine.data ?? []} />
      )}
    </Card>
  )
}

/** A scorecard file sent back by an interviewer who filled it from one of this workspace's packets. */
export function ImportScorecardButton() {
  const { t } = useTranslation('interviews')
  const [, navigate] = useLocation()
  const importFile = useApiMutation(api.scorecards.import, {
    invalidate: [interviewKeys.all],
    onSuccess: (result) => {
      notifications.show({
        color: result.outcome === 'unchanged' ? 'blue' : 'green',
        message: t(`import.${result.outcome}`, {
          name: result.interview.interviewerName,
          candidate: result.interview.candidateName,
          version: result.version,
        }),
      })
      navigate(`/interviews/${result.interview.id}`)
    },
  })
  const pick = async (file: File | null) => {
    if (file) importFile.mutate({ file: { fileName: file.name, contentBase64: await fileToBase64(file) } })
  }
  return (
    <FileButton onChange={(file) => void pick(file)} accept={JSON_ACCEPT}>
      {(props) => (
        <Button {...props} variant="default" leftSection={<IconFileImport size={16} />} loading={importFile.isPending}>
          {t('import.action')}
        </Button>
      )}
    </FileButton>
  )
}

function OpenPacketButton() {
  const { t } = useTranslation('interviews')
  const [, navigate] = useLocation()
  const open = useApiMutation(api.scorecards.openPacket, {
    invalidate: [interviewKeys.external],
    onSuccess: (opened) => navigate(`/external/${opened.id}`),
  })
  const pick = async (file: File | null) => {
    if (file) open.mutate({ file: { fileName: file.name, contentBase64: await fileToBase64(file) } })
  }
  return (
    <FileButton onChange={(file) => void pick(file)} accept={JSON_ACCEPT}>
      {(props) => (
        <Button {...props} variant="default" leftSection={<IconPackageImport size={16} />} loading={open.isPending}>
          {t('external.open')}
        </Button>
      )}
    </FileButton>
  )
}

function ExternalInterviewsTable() {
  const { t, i18n } = useTranslation('interviews')
  const external = useExternalInterviews()
  return (
    <Card withBorder>
      <Title order={3} mb="xs">
        {t('external.title')}
      </Title>
      {external.data?.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('external.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label={t('external.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.candidate')}</Table.Th>
              <Table.Th>{t('columns.step')}</Table.Th>
              <Table.Th>{t('columns.when')}</Table.Th>
              <Table.Th>{t('columns.from')}</Table.Th>
              <Table.Th>{t('columns.scorecard')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {external.data?.map((interview) => (
              <Table.Tr key={interview.id}>
                <Table.Td>
                  <Anchor component={Link} href={`/external/${interview.id}`} fw={600}>
                    {interview.candidateName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {interview.postingTitle}
                  </Text>
                </Table.Td>
                <Table.Td>{interview.stepName}</Table.Td>
                <Table.Td>{formatWhen(interview.scheduledAt, i18n.language)}</Table.Td>
                <Table.Td>{interview.sourceWorkspaceName}</Table.Td>
                <Table.Td>
                  {interview.changedSinceExport ? (
                    <Badge color="yellow" variant="light">
                      {interview.revision === 0 ? t('external.notExported') : t('external.changed')}
                    </Badge>
                  ) : (
                    <Badge color="green" variant="light">
                      {t('external.exportedRevision', { revision: interview.revision })}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}
