import type { CompetencyDto, LadderDetailDto, LevelDto } from '@contract'
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { applyServerIssues } from '../../components/forms'
import { SortableList } from '../../components/SortableList'
import { ladderKeys } from './ladder-queries'

interface FieldSpec<K extends string> {
  key: K
  label: string
  multiline?: boolean
  required?: boolean
}

interface ItemFormProps<K extends string> {
  fields: FieldSpec<K>[]
  initial: Record<K, string>
  submitLabel: string
  onSubmit: (values: Record<K, string>) => Promise<unknown>
  resetOnSuccess?: boolean
}

/** One form for adding and editing levels and competencies; server issues land on their fields. */
function ItemForm<K extends string>({ fields, initial, submitLabel, onSubmit, resetOnSuccess }: ItemFormProps<K>) {
  const { t } = useTranslation()
  const form = useForm<Record<K, string>>({
    initialValues: initial,
    validate: (values) =>
      Object.fromEntries(
        fields
          .filter((field) => field.required && !values[field.key].trim())
          .map((field) => [field.key, t('form.required')]),
      ),
  })
  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit(values)
      if (resetOnSuccess) form.reset()
    } catch (error) {
      const first = fields[0]
      if (!applyServerIssues(form, error) && first)
        form.setFieldError(first.key, error instanceof Error ? error.message : String(error))
    }
  })
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Group align="flex-start" grow>
          {fields
            .filter((field) => !field.multiline)
            .map((field) => (
              <TextInput
                key={field.key}
                label={field.label}
                withAsterisk={field.required}
                {...form.getInputProps(field.key)}
              />
            ))}
        </Group>
        {fields
          .filter((field) => field.multiline)
          .map((field) => (
            <Textarea key={field.key} label={field.label} autosize minRows={2} {...form.getInputProps(field.key)} />
          ))}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={form.submitting}
            leftSection={resetOnSuccess ? <IconPlus size={16} /> : undefined}
          >
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function LevelsEditor({ ladder }: { ladder: LadderDetailDto }) {
  const { t } = useTranslation(['ladders', 'common'])
  const invalidate = [ladderKeys.all]
  const add = useApiMutation(api.ladders.addLevel, { invalidate, quiet: true })
  const update = useApiMutation(api.ladders.updateLevel, {
    invalidate,
    quiet: true,
    onSuccess: () => modals.closeAll(),
  })
  const remove = useApiMutation(api.ladders.removeLevel, { invalidate })
  const reorder = useApiMutation(api.ladders.reorderLevels, { invalidate })
  const fields: FieldSpec<'code' | 'title' | 'summary'>[] = [
    { key: 'code', label: t('fields.code'), required: true },
    { key: 'title', label: t('fields.title'), required: true },
    { key: 'summary', label: t('fields.summary'), multiline: true },
  ]
  const edit = (level: LevelDto) =>
    modals.open({
      title: t('levels.edit', { name: level.title }),
      children: (
        <ItemForm
          fields={fields}
          initial={{ code: level.code, title: level.title, summary: level.summary }}
          submitLabel={t('common:actions.save')}
          onSubmit={(values) => update.mutateAsync({ id: level.id, ...values })}
        />
      ),
    })
  const confirmRemove = (level: LevelDto) =>
    modals.openConfirmModal({
      title: t('levels.remove', { name: level.title }),
      children: <Text size="sm">{t('levels.removeBody')}</Text>,
      labels: { confirm: t('common:actions.remove'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: level.id }),
    })
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('levels.hint')}
      </Text>
      <SortableList
        items={ladder.levels}
        label={(level) => level.title}
        onReorder={(levelIds) => reorder.mutate({ ladderId: ladder.id, levelIds })}
        actions={(level) => (
          <RowActions label={level.title} onEdit={() => edit(level)} onRemove={() => confirmRemove(level)} />
        )}
      >
        {(level) => (
          <div>
            <Group gap="xs">
              <Badge variant="light">{level.code}</Badge>
              <Text fw={600}>{level.title}</Text>
            </Group>
            {level.summary && (
              <Text size="sm" c="dimmed">
                {level.summary}
              </Text>
            )}
          </div>
        )}
      </SortableList>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('levels.add')}
        </Text>
        <ItemForm
          fields={fields}
          initial={{ code: '', title: '', summary: '' }}
          submitLabel={t('levels.addSubmit')}
          resetOnSuccess
          onSubmit={(values) => add.mutateAsync({ ladderId: ladder.id, ...values })}
        />
      </Paper>
    </Stack>
  )
}

export function CompetenciesEditor({ ladder }: { ladder: LadderDetailDto }) {
  const { t } = useTranslation(['ladders', 'common'])
  const invalidate = [ladderKeys.all]
  const add = useApiMutation(api.ladders.addCompetency, { invalidate, quiet: true })
  const update = useApiMutation(api.ladders.updateCompetency, {
    invalidate,
    quiet: true,
    onSuccess: () => modals.closeAll(),
  })
  const remove = useApiMutation(api.ladders.removeCompetency, { invalidate })
  const reorder = useApiMutation(api.ladders.reorderCompetencies, { invalidate })
  const fields: FieldSpec<'name' | 'description'>[] = [
    { key: 'name', label: t('fields.name'), required: true },
    { key: 'description', label: t('fields.description'), multiline: true },
  ]
  const edit = (competency: CompetencyDto) =>
    modals.open({
      title: t('competencies.edit', { name: competency.name }),
      children: (
        <ItemForm
          fields={fields}
          initial={{ name: competency.name, description: competency.description }}
          submitLabel={t('common:actions.save')}
          onSubmit={(values) => update.mutateAsync({ id: competency.id, ...values })}
        />
      ),
    })
  const confirmRemove = (competency: CompetencyDto) =>
    modals.openConfirmModal({
      title: t('competencies.remove', { name: competency.name }),
      children: <Text size="sm">{t('competencies.removeBody')}</Text>,
      labels: { confirm: t('common:actions.remove'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: competency.id }),
    })
  return (
    <Stack>
      <SortableList
        items={ladder.competencies}
        label={(competency) => competency.name}
        onReorder={(competencyIds) => reorder.mutate({ ladderId: ladder.id, competencyIds })}
        actions={(competency) => (
          <RowActions
            label={competency.name}
            onEdit={() => edit(competency)}
            onRemove={() => confirmRemove(competency)}
          />
        )}
      >
        {(competency) => (
          <div>
            <Text fw={600}>{competency.name}</Text>
            {competency.description && (
              <Text size="sm" c="dimmed">
                {competency.description}
              </Text>
            )}
          </div>
        )}
      </SortableList>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('competencies.add')}
        </Text>
        <ItemForm
          fields={fields}
          initial={{ name: '', description: '' }}
          submitLabel={t('competencies.addSubmit')}
          resetOnSuccess
          onSubmit={(values) => add.mutateAsync({ ladderId: ladder.id, ...values })}
        />
      </Paper>
    </Stack>
  )
}

function RowActions({ label, onEdit, onRemove }: { label: string; onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      <ActionIcon variant="subtle" aria-label={t('actions.editNamed', { name: label })} onClick={onEdit}>
        <IconPencil size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={t('actions.removeNamed', { name: label })}
        onClick={onRemove}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </>
  )
}
