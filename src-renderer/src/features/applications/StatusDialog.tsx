import type { ApplicationStatus, StageDto } from '@contract'
import { Button, Group, Select, Stack, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { applyServerIssues } from '../../components/forms'
import i18n from '../../i18n'
import { candidateKeys } from '../candidates/candidate-queries'
import { applicationKeys } from './application-queries'
import { notifyWithUndo, singleUndo } from './undo'

interface Target {
  id: number
  name: string
  stageId: number
}

/** Hire, reject, withdraw (a reason is required for the last two) or reopen into a stage. */
export function openStatusDialog(target: Target, status: ApplicationStatus, stages: StageDto[], onDone?: () => void) {
  const id = modals.open({
    title: i18n.t(`applications:statusDialog.title.${status}`, { name: target.name }),
    children: (
      <StatusForm
        target={target}
        status={status}
        stages={stages}
        onDone={() => {
          modals.close(id)
          onDone?.()
        }}
      />
    ),
  })
}

function StatusForm({
  target,
  status,
  stages,
  onDone,
}: {
  target: Target
  status: ApplicationStatus
  stages: StageDto[]
  onDone: () => void
}) {
  const { t } = useTranslation(['applications', 'common'])
  const open = stages.filter((stage) => stage.kind === 'open')
  const required = status === 'rejected' || status === 'withdrawn'
  const form = useForm({
    initialValues: {
      reason: '',
      stageId: String(open.find((stage) => stage.id === target.stageId)?.id ?? open.at(-1)?.id ?? ''),
    },
    validate: {
      reason: (value) => (required && !value.trim() ? t('statusDialog.reasonRequired') : null),
    },
  })
  const save = useApiMutation(api.applications.setStatus, {
    invalidate: [applicationKeys.all, applicationKeys.allStages, candidateKeys.all],
    quiet: true,
    onSuccess: (changed) => {
      if (status !== 'active') notifyWithUndo(t(`undo.status.${status}`, { name: target.name }), singleUndo(changed))
      onDone()
    },
  })
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          {
            id: target.id,
            status,
            reason: values.reason,
            ...(status === 'active' ? { stageId: Number(values.stageId) } : {}),
          },
          { onError: (error) => applyServerIssues(form, error) || form.setFieldError('reason', error.message) },
        ),
      )}
    >
      <Stack>
        {status === 'active' && (
          <Select
            label={t('statusDialog.stage')}
            data={open.map((stage) => ({ value: String(stage.id), label: stage.name }))}
            allowDeselect={false}
            {...form.getInputProps('stageId')}
          />
        )}
        <Textarea
          label={required ? t('statusDialog.reason') : t('statusDialog.note')}
          withAsterisk={required}
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} color={required ? 'red' : undefined}>
            {t(`statusDialog.confirm.${status}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
