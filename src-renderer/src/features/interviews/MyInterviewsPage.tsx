import { Anchor, Badge, Button, Card, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core'
import { IconPackageImport } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { fileToBase64 } from '../../components/files'
import { formatWhen } from './format'
import { interviewKeys, useExternalInterviews } from './interview-queries'

export const PACKET_ACCEPT = '.json,application/json'

/** The local person's interviews, and packets opened from other workspaces. */
export function MyInterviewsPage() {
  const { t } = useTranslation('interviews')
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
          <OpenPacketButton />
        </Group>
      </Group>
      <ExternalInterviewsTable />
    </Stack>
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
    <FileButton onChange={(file) => void pick(file)} accept={PACKET_ACCEPT}>
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
