import type { LadderDetailDto } from '@contract'
import { Anchor, Button, Card, FileButton, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconFileImport, IconPlus } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { fileToBase64 } from '../../components/files'
import { applyServerIssues } from '../../components/forms'
import { ladderKeys, useLadders } from './ladder-queries'
import { formatDate } from '../../i18n/format'

export function LaddersPage() {
  const { t } = useTranslation(['ladders', 'common'])
  const ladders = useLadders()
  const [, navigate] = useLocation()
  const importLadder = useApiMutation(api.ladders.import, {
    invalidate: [ladderKeys.all],
    onSuccess: (ladder: LadderDetailDto) => navigate(`/ladders/${ladder.id}`),
  })
  const importFile = async (file: File | null) => {
    if (file) importLadder.mutate({ fileName: file.name, contentBase64: await fileToBase64(file) })
  }
  const openCreate = () =>
    modals.open({
      title: t('create.title'),
      children: <CreateLadderForm onCreated={(id) => navigate(`/ladders/${id}`)} />,
    })

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('list.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('list.description')}
          </Text>
        </div>
        <Group>
          <FileButton onChange={(file) => void importFile(file)} accept=".yaml,.yml,.csv,text/csv,application/yaml">
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconFileImport size={16} />}
                loading={importLadder.isPending}
              >
                {t('list.import')}
              </Button>
            )}
          </FileButton>
          <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
            {t('list.create')}
          </Button>
        </Group>
      </Group>
      <Card withBorder p={0}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.columns.name')}</Table.Th>
              <Table.Th>{t('list.columns.levels')}</Table.Th>
              <Table.Th>{t('list.columns.competencies')}</Table.Th>
              <Table.Th>{t('list.columns.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ladders.data?.map((ladder) => (
              <Table.Tr key={ladder.id}>
                <Table.Td>
                  <Anchor component={Link} href={`/ladders/${ladder.id}`} fw={600}>
                    {ladder.name}
                  </Anchor>
                  {ladder.description && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {ladder.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{ladder.levels.length}</Table.Td>
                <Table.Td>{ladder.competencies.length}</Table.Td>
                <Table.Td>{formatDate(ladder.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {ladders.data?.length === 0 && (
          <Text c="dimmed" ta="center" p="xl">
            {t('list.empty')}
          </Text>
        )}
      </Card>
    </Stack>
  )
}

function CreateLadderForm({ onCreated }: { onCreated: (id: number) => void }) {
  const { t } = useTranslation(['ladders', 'common'])
  const form = useForm({
    initialValues: { name: '', description: '' },
    validate: { name: (value) => (value.trim() ? null : t('common:form.required')) },
  })
  const create = useApiMutation(api.ladders.create, {
    invalidate: [ladderKeys.all],
    quiet: true,
    onSuccess: (ladder) => {
      modals.closeAll()
      onCreated(ladder.id)
    },
  })
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        create.mutate(values, {
          onError: (error) => {
            if (!applyServerIssues(form, error)) form.setFieldError('name', error.message)
          },
        }),
      )}
    >
      <Stack>
        <TextInput label={t('fields.name')} data-autofocus withAsterisk {...form.getInputProps('name')} />
        <Textarea label={t('fields.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
