import { Alert, Button, Group, Loader, Menu, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconChevronDown, IconDownload, IconPencil, IconTrash } from '@tabler/icons-react'
import type { LadderDetailDto, LadderFileFormat } from '@contract'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { api } from '../../api/client'
import { call, notifyError, useApiMutation } from '../../api/query'
import { downloadFile } from '../../components/files'
import { applyServerIssues } from '../../components/forms'
import { CompetenciesEditor, LevelsEditor } from './OrderedEditors'
import { ExpectationsGrid } from './ExpectationsGrid'
import { ladderKeys, useLadder } from './ladder-queries'

export function LadderPage({ id }: { id: number }) {
  const { t } = useTranslation(['ladders', 'common'])
  const ladder = useLadder(id)
  const [, navigate] = useLocation()
  const remove = useApiMutation(api.ladders.delete, {
    invalidate: [ladderKeys.all],
    onSuccess: () => navigate('/ladders'),
  })

  if (ladder.isPending) return <Loader />
  if (ladder.isError) return <Alert color="red">{ladder.error.message}</Alert>
  const data = ladder.data

  const exportAs = (format: LadderFileFormat) => {
    call(api.ladders.export({ id, format })).then(downloadFile, notifyError)
  }
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('delete.title', { name: data.name }),
      children: (
        <Text size="sm">
          {t('delete.body', { levels: data.levels.length, competencies: data.competencies.length })}
        </Text>
      ),
      labels: { confirm: t('delete.confirm'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id }),
    })

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{data.name}</Title>
          {data.description && <Text c="dimmed">{data.description}</Text>}
        </div>
        <Group>
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={() => modals.open({ title: t('rename.title'), children: <RenameForm ladder={data} /> })}
          >
            {t('rename.action')}
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                rightSection={<IconChevronDown size={14} />}
              >
                {t('export.action')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => exportAs('yaml')}>{t('export.yaml')}</Menu.Item>
              <Menu.Item onClick={() => exportAs('csv')}>{t('export.csv')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={confirmDelete}>
            {t('delete.action')}
          </Button>
        </Group>
      </Group>
      <Tabs defaultValue="expectations" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="expectations">{t('tabs.expectations')}</Tabs.Tab>
          <Tabs.Tab value="levels">{t('tabs.levels', { count: data.levels.length })}</Tabs.Tab>
          <Tabs.Tab value="competencies">{t('tabs.competencies', { count: data.competencies.length })}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="expectations" pt="md">
          <ExpectationsGrid ladder={data} />
        </Tabs.Panel>
        <Tabs.Panel value="levels" pt="md">
          <LevelsEditor ladder={data} />
        </Tabs.Panel>
        <Tabs.Panel value="competencies" pt="md">
          <CompetenciesEditor ladder={data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

function RenameForm({ ladder }: { ladder: LadderDetailDto }) {
  const { t } = useTranslation(['ladders', 'common'])
  const form = useForm({ initialValues: { name: ladder.name, description: ladder.description } })
  const update = useApiMutation(api.ladders.update, {
    invalidate: [ladderKeys.all],
    quiet: true,
    onSuccess: () => modals.closeAll(),
  })
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        update.mutate(
          { id: ladder.id, ...values },
          { onError: (error) => applyServerIssues(form, error) || form.setFieldError('name', error.message) },
        ),
      )}
    >
      <Stack>
        <TextInput label={t('fields.name')} data-autofocus withAsterisk {...form.getInputProps('name')} />
        <Textarea label={t('fields.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
