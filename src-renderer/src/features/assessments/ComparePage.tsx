import type { CompareDto, RequirementDto } from '@contract'
import { Alert, Anchor, Badge, Group, Loader, ScrollArea, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { ExportButtons } from '../reports/ExportButtons'
import { assessPath } from './AssessmentPage'
import { useComparison } from './assessment-queries'
import { FitSummary } from './FitSummary'
import { ratingColors } from './rating-enums'
import { formatWhen } from '../../i18n/format'
import { reportLanguage } from '../reports/report-queries'

export const comparePath = (postingId: number, applicationIds: number[]) =>
  `/postings/${postingId}/compare/${applicationIds.join(',')}`

export function parseCompareIds(value: string): number[] {
  return [...new Set(value.split(',').map(Number))].filter((id) => Number.isSafeInteger(id) && id > 0)
}

/** Requirements × applicants, must-haves first; each cell's colour is its rating, its evidence shows on hover. */
export function ComparePage({ postingId, applicationIds }: { postingId: number; applicationIds: number[] }) {
  const { t } = useTranslation('assessments')
  const comparison = useComparison(postingId, applicationIds)
  if (applicationIds.length < 2) return <Alert color="yellow">{t('compare.tooFew')}</Alert>
  if (comparison.isPending) return <Loader />
  if (comparison.isError) return <Alert color="red">{comparison.error.message}</Alert>
  return <Heatmap data={comparison.data} />
}

function Heatmap({ data }: { data: CompareDto }) {
  const { t, i18n } = useTranslation('assessments')
  const cell = (requirement: RequirementDto, applicant: CompareDto['applicants'][number]) => {
    const value = applicant.cells[requirement.id]
    const rating = value?.rating ?? 'unknown'
    const tip = value?.evidence ? value.evidence : t('compare.noEvidence')
    const by = value?.updatedAt
      ? t('compare.by', { name: value.authorName ?? '', at: formatWhen(value.updatedAt) })
      : null
    return (
      <Table.Td key={applicant.applicationId} p={2}>
        <Tooltip
          multiline
          w={360}
          withArrow
          label={
            <Stack gap={2}>
              <Text size="xs" fw={600}>
                {t(`rating.${rating}`)}
              </Text>
              <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                {tip.length > 600 ? `${tip.slice(0, 600)}…` : tip}
              </Text>
              {by && (
                <Text size="xs" c="dimmed">
                  {by}
                </Text>
              )}
            </Stack>
          }
        >
          <div
            role="img"
            aria-label={`${applicant.candidateName}: ${t(`rating.${rating}`)}`}
            data-testid="heatmap-cell"
            data-rating={rating}
            style={{
              height: 28,
              borderRadius: 4,
              background:
                rating === 'unknown'
                  ? 'var(--mantine-color-gray-2)'
                  : `var(--mantine-color-${ratingColors[rating]}-${rating === 'partial' ? 4 : 6})`,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              color: rating === 'unknown' || rating === 'partial' ? 'var(--mantine-color-dark-7)' : 'white',
              fontSize: 12,
            }}
          >
            {t(`ratingShort.${rating}`)}
          </div>
        </Tooltip>
      </Table.Td>
    )
  }
  return (
    <Stack gap="sm">
      <Anchor component={Link} href={`/postings/${data.postingId}/applicants`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {data.postingTitle}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('compare.title')}</Title>
        <ExportButtons
          what="heatmap"
          formats={['pdf']}
          start={() =>
            api.reports.heatmap({
              postingId: data.postingId,
              applicationIds: data.applicants.map((applicant) => applicant.applicationId),
              language: reportLanguage(i18n.language),
            })
          }
        />
      </Group>
      <ScrollArea type="auto">
        <Table
          withTableBorder
          withColumnBorders
          layout="fixed"
          miw={320 + data.applicants.length * 120}
          data-testid="heatmap"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={320}>{t('compare.requirement')}</Table.Th>
              {data.applicants.map((applicant) => (
                <Table.Th key={applicant.applicationId} w={120} style={{ verticalAlign: 'top' }}>
                  <Stack gap={4}>
                    <Anchor
                      component={Link}
                      href={assessPath(data.postingId, applicant.applicationId)}
                      size="sm"
                      fw={600}
                    >
                      {applicant.candidateName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {applicant.stageName}
                    </Text>
                    <FitSummary fit={applicant.fit} compact />
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.requirements.map((requirement) => (
              <Table.Tr key={requirement.id} data-testid="heatmap-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {requirement.mustHave && (
                      <Badge color="grape" variant="light" size="xs">
                        {t('page.mustHave')}
                      </Badge>
                    )}
                    <Text size="xs" lineClamp={2} title={requirement.text}>
                      {requirement.text}
                    </Text>
                  </Group>
                </Table.Td>
                {data.applicants.map((applicant) => cell(requirement, applicant))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  )
}
