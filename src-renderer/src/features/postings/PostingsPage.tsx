import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { modals } from '@mantine/modals'
import { IconFileImport, IconPlus, IconStairs } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { useLadders } from '../ladders/ladder-queries'
import { levelOptions, namedOptions, useDisplayNames } from './display-names'
import { NewPostingForm } from './NewPostingForm'
import { usePostingReference, usePostings, type PostingFilter } from './posting-queries'
import { isOneOf, postingStatuses } from './posting-enums'
import { assessedSections } from '@contract/closed-lists'
import { StatusBadge } from './StatusBadge'
import { formatDate } from '../../i18n/format'

export function PostingsPage() {
  const { t, i18n } = useTranslation(['postings', 'common'])
  const [filter, setFilter] = useState<PostingFilter>({})
  const postings = usePostings(filter)
  const ladders = useLadders()
  const reference = usePostingReference()
  const names = useDisplayNames()
  const [, navigate] = useLocation()

  const openNew = (fromLevel: boolean) =>
    modals.open({
      title: fromLevel ? t('create.fromLevelTitle') : t('create.title'),
      size: 'lg',
      children: <NewPostingForm fromLevel={fromLevel} onCreated={(id) => navigate(`/postings/${id}`)} />,
    })

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('list.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('list.description')}
          </Text>
        </div>
        <Group>
          <Button component={Link} href="/postings/import" variant="default" leftSection={<IconFileImport size={16} />}>
            {t('list.import')}
          </Button>
          <Button variant="default" leftSection={<IconStairs size={16} />} onClick={() => openNew(true)}>
            {t('list.fromLevel')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => openNew(false)}>
            {t('list.create')}
          </Button>
        </Group>
      </Group>
      <Group role="search" aria-label={t('list.filters')}>
        <Select
          label={t('fields.status')}
          placeholder={t('list.any')}
          clearable
          data={postingStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          value={filter.status ?? null}
          onChange={(value) => setFilter({ ...filter, status: isOneOf(postingStatuses, value) ? value : undefined })}
        />
        <Select
          label={t('fields.level')}
          placeholder={t('list.any')}
          clearable
          searchable
          data={levelOptions(ladders.data)}
          value={filter.levelId === undefined ? null : String(filter.levelId)}
          onChange={(value) => setFilter({ ...filter, levelId: value ? Number(value) : undefined })}
        />
        <Select
          label={t('fields.language')}
          placeholder={t('list.any')}
          clearable
          searchable
          data={namedOptions(reference.data?.languages ?? [], names.language, i18n.language)}
          value={filter.language ?? null}
          onChange={(value) => setFilter({ ...filter, language: value ?? undefined })}
        />
      </Group>
      <Card withBorder p={0}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={t('list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.columns.title')}</Table.Th>
              <Table.Th>{t('list.columns.level')}</Table.Th>
              <Table.Th>{t('list.columns.status')}</Table.Th>
              <Table.Th>{t('list.columns.language')}</Table.Th>
              <Table.Th>{t('list.columns.countries')}</Table.Th>
              <Table.Th>{t('list.columns.items')}</Table.Th>
              <Table.Th>{t('list.columns.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {postings.data?.map((posting) => (
              <Table.Tr key={posting.id}>
                <Table.Td>
                  <Anchor component={Link} href={`/postings/${posting.id}`} fw={600}>
                    {posting.title}
                  </Anchor>
                  {posting.team && (
                    <Text size="xs" c="dimmed">
                      {posting.team}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{posting.levelTitle}</Text>
                  <Text size="xs" c="dimmed">
                    {posting.ladderName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={posting.status} />
                </Table.Td>
                <Table.Td>{names.language(posting.language)}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {posting.countries.map(names.country).join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {assessedSections.map((section) => (
                      <Badge key={section} variant="light" color="gray" title={t(`sections.${section}`)}>
                        {t(`sections.short.${section}`, { count: posting.requirementCounts[section] })}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDate(posting.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {postings.data?.length === 0 && (
          <Text c="dimmed" ta="center" p="xl">
            {filter.status || filter.levelId || filter.language ? t('list.noMatch') : t('list.empty')}
          </Text>
        )}
      </Card>
    </Stack>
  )
}
