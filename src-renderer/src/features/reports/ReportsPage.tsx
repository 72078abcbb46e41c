import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { reportLanguage, useReportList } from './report-queries'

export function ReportsPage() {
  const { t, i18n } = useTranslation('reports')
  const reports = useReportList(reportLanguage(i18n.language))
  return (
    <Stack>
      <div>
        <Title order={2}>{t('list.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('list.description')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        {reports.data?.map((report) => (
          <Card key={report.name} withBorder>
            <Anchor
              component={Link}
              href={`/reports/${report.name}`}
              fw={600}
              aria-label={t('list.open', { name: report.title })}
            >
              {report.title}
            </Anchor>
            <Text size="sm" c="dimmed" mt={4}>
              {report.description}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {reports.data?.length === 0 && <Text c="dimmed">{t('list.empty')}</Text>}
    </Stack>
  )
}
