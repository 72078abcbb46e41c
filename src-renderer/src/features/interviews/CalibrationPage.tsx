import type { InterviewerCalibrationDto } from '@contract'
import { Alert, Card, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePostings } from '../postings/posting-queries'
import { ratingValues } from './interview-enums'
import { useCalibration } from './interview-queries'

const percent = (value: number | null, language: string) =>
  value === null ? '—' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(value)
const decimal = (value: number | null, language: string, signed = false) =>
  value === null
    ? '—'
    : new Intl.NumberFormat(language, { maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto' }).format(
        value,
      )

/** How each interviewer rates compared with their panels, over decided applications. */
export function CalibrationPage() {
  const { t, i18n } = useTranslation('interviews')
  const [postingId, setPostingId] = useState<number | null>(null)
  const postings = usePostings({})
  const calibration = useCalibration(postingId)
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('calibration.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('calibration.description')}
          </Text>
        </div>
        <Select
          label={t('calibration.posting')}
          placeholder={t('calibration.allPostings')}
          clearable
          searchable
          w={320}
          data={(postings.data ?? []).map((posting) => ({ value: String(posting.id), label: posting.title }))}
          value={postingId === null ? null : String(postingId)}
          onChange={(value) => setPostingId(value ? Number(value) : null)}
        />
      </Group>
      {calibration.isPending && <Loader />}
      {calibration.isError && <Alert color="red">{calibration.error.message}</Alert>}
      {calibration.data && (
        <Card withBorder p={0}>
          <Text size="sm" c="dimmed" p="sm">
            {t('calibration.applications', { count: calibration.data.applications })}
          </Text>
          {calibration.data.interviewers.length === 0 ? (
            <Text c="dimmed" p="sm">
              {t('calibration.empty')}
            </Text>
          ) : (
            <Table aria-label={t('calibration.title')} verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.interviewer')}</Table.Th>
                  <Table.Th>{t('calibration.scorecards')}</Table.Th>
                  {ratingValues.map((rating) => (
                    <Table.Th key={rating} title={t(`scale.${rating}`)}>
                      {t('calibration.rated', { rating })}
                    </Table.Th>
                  ))}
                  <Table.Th>{t('calibration.mean')}</Table.Th>
                  <Table.Th title={t('calibration.vsPanelHelp')}>{t('calibration.vsPanel')}</Table.Th>
                  <Table.Th>{t('calibration.unrated')}</Table.Th>
                  <Table.Th title={t('calibration.yesHireRateHelp')}>{t('calibration.yesHireRate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {calibration.data.interviewers.map((entry) => (
                  <Row key={entry.personId} entry={entry} language={i18n.language} />
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}
    </Stack>
  )
}

function Row({ entry, language }: { entry: InterviewerCalibrationDto; language: string }) {
  const { t } = useTranslation('interviews')
  const total = ratingValues.reduce((sum, rating) => sum + entry.ratingCounts[rating], 0)
  return (
    <Table.Tr aria-label={entry.name}>
      <Table.Td fw={600}>{entry.name}</Table.Td>
      <Table.Td>{entry.scorecards}</Table.Td>
      {ratingValues.map((rating) => (
        <Table.Td key={rating}>
          {entry.ratingCounts[rating]}
          <Text span size="xs" c="dimmed">
            {' '}
            ({percent(total === 0 ? null : entry.ratingCounts[rating] / total, language)})
          </Text>
        </Table.Td>
      ))}
      <Table.Td>{decimal(entry.meanRating, language)}</Table.Td>
      <Table.Td
        c={
          entry.meanDifferenceFromPanel !== null && Math.abs(entry.meanDifferenceFromPanel) >= 0.3
            ? 'orange'
            : undefined
        }
      >
        {decimal(entry.meanDifferenceFromPanel, language, true)}
        <Text span size="xs" c="dimmed">
          {' '}
          {t('calibration.over', { count: entry.panelApplications })}
        </Text>
      </Table.Td>
      <Table.Td>{percent(entry.unratedShare, language)}</Table.Td>
      <Table.Td>
        {percent(entry.yesHireRate, language)}
        <Text span size="xs" c="dimmed">
          {' '}
          ({entry.yesHired}/{entry.yesDecided})
        </Text>
      </Table.Td>
    </Table.Tr>
  )
}
