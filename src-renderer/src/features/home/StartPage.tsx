import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { HomeDto } from '@contract'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { call } from '../../api/query'
import { formatWhen } from '../../i18n/format'
import { useCan } from '../team/permissions'

export const homeKeys = { summary: ['home', 'summary'] as const }

/** My day in my own time zone: the server compares instants, the day's edges are the reader's. */
function myDay(now = new Date()): { dayStart: string; dayEnd: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)
  return { dayStart: start.toISOString(), dayEnd: end.toISOString() }
}

export function useHome() {
  return useQuery({ queryKey: homeKeys.summary, queryFn: () => call(api.home.summary(myDay())), staleTime: 0 })
}

/** What needs me: scorecards to write, applicants waiting in my postings' stages, items nobody assessed yet. */
export function StartPage() {
  const { t } = useTranslation()
  const home = useHome()
  // The postings' cards are for who works on applicants; an interviewer on a team server has their scorecards.
  const postings = useCan()('applications:list')
  return (
    <Stack>
      <div>
        <Title order={2}>{t('home.title')}</Title>
        <Text c="dimmed" size="sm">
          {home.data?.postingScope === 'mine' ? t('home.scopeMine') : t('home.scopeAll')}
        </Text>
      </div>
      {home.data && (
        <>
          <DueScorecards home={home.data} />
          {postings && (
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Waiting home={home.data} />
              <Unassessed home={home.data} />
            </SimpleGrid>
          )}
        </>
      )}
    </Stack>
  )
}

function DueScorecards({ home }: { home: HomeDto }) {
  const { t, i18n } = useTranslation()
  return (
    <Card withBorder component="section" aria-label={t('home.due')}>
      <Title order={3} mb="xs">
        {t('home.due')}
      </Title>
      {home.dueScorecards.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('home.dueEmpty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label={t('home.due')}>
          <Table.Tbody>
            {home.dueScorecards.map((due) => (
              <Table.Tr key={due.interviewId} aria-label={`${due.candidateName}, ${due.stepName}`}>
                <Table.Td>
                  <Anchor component={Link} href={`/interviews/${due.interviewId}`} fw={600}>
                    {t('home.scoreLink', { candidate: due.candidateName, step: due.stepName })}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {due.postingTitle}
                  </Text>
                </Table.Td>
                <Table.Td>{formatWhen(due.scheduledAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {due.overdue ? (
                      <Badge color="red" variant="light">
                        {t('home.overdue')}
                      </Badge>
                    ) : (
                      <Badge color="blue" variant="light">
                        {t('home.today')}
                      </Badge>
                    )}
                    {due.started && (
                      <Badge color="gray" variant="light">
                        {t('home.draft')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}

function Waiting({ home }: { home: HomeDto }) {
  const { t } = useTranslation()
  return (
    <Card withBorder component="section" aria-label={t('home.waiting')}>
      <Title order={3} mb="xs">
        {t('home.waiting')}
      </Title>
      {home.waiting.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('home.waitingEmpty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label={t('home.waiting')}>
          <Table.Tbody>
            {home.waiting.map((stage) => {
              const days = stage.longestDays
              return (
                <Table.Tr key={stage.stageId} aria-label={`${stage.postingTitle}, ${stage.stageName}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      href={`/postings/${stage.postingId}/applicants?stage=${stage.stageId}&status=active`}
                      fw={600}
                    >
                      {t('home.waitingLink', { count: stage.count, stage: stage.stageName })}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {stage.postingTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={days > 14 ? 'orange' : 'gray'} variant="light">
                      {t('home.longest', { count: days })}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}

function Unassessed({ home }: { home: HomeDto }) {
  const { t } = useTranslation()
  return (
    <Card withBorder component="section" aria-label={t('home.unassessed')}>
      <Title order={3} mb="xs">
        {t('home.unassessed')}
      </Title>
      {home.unassessed.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('home.unassessedEmpty')}
        </Text>
      ) : (
        <Stack gap={6}>
          {home.unassessed.map((item) => (
            <div key={item.requirementId}>
              <Anchor component={Link} href={`/postings/${item.postingId}/applicants`} size="sm" lineClamp={2}>
                {item.text}
              </Anchor>
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {item.postingTitle}
                </Text>
                {item.mustHave && (
                  <Badge size="xs" variant="light">
                    {t('home.mustHave')}
                  </Badge>
                )}
              </Group>
            </div>
          ))}
          {home.unassessedMore > 0 && (
            <Text size="xs" c="dimmed">
              {t('home.more', { count: home.unassessedMore })}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  )
}
