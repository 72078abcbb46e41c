import type { PostingDto, StageDto } from '@contract'
import { ActionIcon, Alert, Button, Card, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { call, useApiMutation } from '../../api/query'
import { applyServerIssues } from '../../components/forms'
import { SortableList } from '../../components/SortableList'
import { applicationKeys, useStages } from './application-queries'

const counted = (stage: StageDto) =>
  stage.counts.active + stage.counts.hired + stage.counts.rejected + stage.counts.withdrawn

/** A posting's pipeline: reorder the open stages, rename, add and remove; the hired stage stays last. */
export function StagesEditor({ posting }: { posting: PostingDto }) {
  const { t } = useTranslation(['applications', 'common'])
  const stages = useStages(posting.id)
  const client = useQueryClient()
  const put = (list: StageDto[]) => {
    client.setQueryData(applicationKeys.stages(posting.id), list)
    void client.invalidateQueries({ queryKey: applicationKeys.all })
  }
  const reorder = useApiMutation(api.stages.reorder, { onSuccess: put })
  const remove = useApiMutation(api.stages.remove, { onSuccess: put })
  if (stages.isPending) return <Loader />
  if (stages.isError) return <Alert color="red">{stages.error.message}</Alert>
  const open = stages.data.filter((stage) => stage.kind === 'open')
  const hired = stages.data.find((stage) => stage.kind === 'hired')

  const rename = (stage: StageDto) =>
    modals.open({
      title: t('stages.renameTitle', { name: stage.name }),
      children: (
        <StageNameForm
          initial={stage.name}
          submitLabel={t('common:actions.save')}
          onSubmit={async (name) => {
            put(await call(api.stages.rename({ id: stage.id, name })))
            modals.closeAll()
          }}
        />
      ),
    })
  const confirmRemove = (stage: StageDto) =>
    modals.openConfirmModal({
      title: t('stages.removeTitle', { name: stage.name }),
      children: <Text size="sm">{t('stages.removeBody')}</Text>,
      labels: { confirm: t('common:actions.remove'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: stage.id }),
    })

  return (
    <Card withBorder>
      <Title order={3} mb="xs">
        {t('stages.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('stages.hint')}
      </Text>
      <Stack>
        <SortableList
          items={open}
          label={(stage) => stage.name}
          onReorder={(ids) => reorder.mutate({ postingId: posting.id, stageIds: ids })}
          actions={(stage) => (
            <>
              <ActionIcon
                variant="subtle"
                aria-label={t('common:actions.editNamed', { name: stage.name })}
                onClick={() => rename(stage)}
              >
                <IconPencil size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('common:actions.removeNamed', { name: stage.name })}
                onClick={() => confirmRemove(stage)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </>
          )}
        >
          {(stage) => <StageLine stage={stage} />}
        </SortableList>
        {hired && (
          <Paper withBorder p="xs" aria-label={hired.name}>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <StageLine stage={hired} />
                <Text size="xs" c="dimmed">
                  {t('stages.hiredHint')}
                </Text>
              </div>
              <ActionIcon
                variant="subtle"
                aria-label={t('common:actions.editNamed', { name: hired.name })}
                onClick={() => rename(hired)}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        )}
        <StageNameForm
          initial=""
          label={t('stages.newName')}
          submitLabel={t('stages.add')}
          resetOnSuccess
          onSubmit={async (name) => put(await call(api.stages.add({ postingId: posting.id, name })))}
        />
      </Stack>
    </Card>
  )
}

function StageLine({ stage }: { stage: StageDto }) {
  const { t } = useTranslation('applications')
  return (
    <Group gap="xs">
      <Text fw={600} size="sm">
        {stage.name}
      </Text>
      <Text size="xs" c="dimmed">
        {t('stages.counts', { active: stage.counts.active, total: counted(stage) })}
      </Text>
    </Group>
  )
}

function StageNameForm({
  initial,
  label,
  submitLabel,
  resetOnSuccess,
  onSubmit,
}: {
  initial: string
  label?: string
  submitLabel: string
  resetOnSuccess?: boolean
  onSubmit: (name: string) => Promise<unknown>
}) {
  const { t } = useTranslation(['applications', 'common'])
  const form = useForm({
    initialValues: { name: initial },
    validate: { name: (value) => (value.trim() ? null : t('common:form.required')) },
  })
  const submit = form.onSubmit(async ({ name }) => {
    try {
      await onSubmit(name.trim())
      if (resetOnSuccess) form.reset()
    } catch (error) {
      if (!applyServerIssues(form, error))
        form.setFieldError('name', error instanceof Error ? error.message : String(error))
    }
  })
  return (
    <form onSubmit={submit}>
      <Group align="flex-start">
        <TextInput
          label={label ?? t('stages.name')}
          maxLength={80}
          data-autofocus
          style={{ flex: 1 }}
          {...form.getInputProps('name')}
        />
        <Button
          type="submit"
          mt={25}
          loading={form.submitting}
          leftSection={resetOnSuccess ? <IconPlus size={16} /> : undefined}
        >
          {submitLabel}
        </Button>
      </Group>
    </form>
  )
}
