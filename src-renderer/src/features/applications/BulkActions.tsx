import type { BulkAction, BulkResultDto, StageDto } from '@contract'
import { Button, Group, Menu, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconChevronDown } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import i18n from '../../i18n'
import { candidateKeys } from '../candidates/candidate-queries'
import { usePostings } from '../postings/posting-queries'
import { applicationKeys } from './application-queries'
import { notifyWithUndo } from './undo'

type BulkFilter = Parameters<typeof api.applications.bulk>[0]['filter']

export interface BulkTarget {
  postingId: number
  /** The ticked applications, or null for every one matching the filter. */
  ids: number[] | null
  filter: BulkFilter
  count: number
}

function summary(action: BulkAction, result: BulkResultDto): string {
  const base = i18n.t(`applications:bulk.done.${action.kind}`, { count: result.changed })
  return result.skippedCount > 0
    ? `${base} ${i18n.t('applications:bulk.skipped', {
        count: result.skippedCount,
        first: result.skipped
          .slice(0, 3)
          .map((skip) => `${skip.name} (${skip.why})`)
          .join(', '),
      })}`
    : base
}

function useBulk(onDone: () => void) {
  return useApiMutation(api.applications.bulk, {
    invalidate: [applicationKeys.all, applicationKeys.allStages, candidateKeys.all, ['home']],
    onSuccess: (result, input) => {
      notifyWithUndo(summary(input.action, result), result.undo, result.changed > 0 ? 'green' : 'yellow')
      onDone()
    },
  })
}

/** The bar over the applicants table once some are ticked: one change to all of them, with Undo after. */
export function BulkActions({
  target,
  stages,
  onDone,
  onSelectAll,
  total,
}: {
  target: BulkTarget
  stages: StageDto[]
  onDone: () => void
  onSelectAll: () => void
  total: number
}) {
  const { t } = useTranslation('applications')
  const bulk = useBulk(onDone)
  const run = (action: BulkAction) =>
    bulk.mutate({
      postingId: target.postingId,
      ...(target.ids ? { ids: target.ids } : { filter: target.filter }),
      action,
    })
  const ask = (kind: 'reject' | 'withdraw' | 'tag' | 'addToPosting') => {
    const id = modals.open({
      title: t(`bulk.dialog.${kind}`, { count: target.count }),
      children: (
        <BulkForm
          kind={kind}
          postingId={target.postingId}
          onSubmit={(action) => {
            modals.close(id)
            run(action)
          }}
        />
      ),
    })
  }
  return (
    <Paper withBorder p="xs" role="region" aria-label={t('bulk.label')}>
      <Group justify="space-between">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t('bulk.selected', { count: target.count })}
          </Text>
          {target.ids !== null && total > target.ids.length && (
            <Button variant="subtle" size="compact-sm" onClick={onSelectAll}>
              {t('bulk.selectAll', { count: total })}
            </Button>
          )}
          <Button variant="subtle" size="compact-sm" color="gray" onClick={onDone}>
            {t('bulk.clear')}
          </Button>
        </Group>
        <Group gap="xs">
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" rightSection={<IconChevronDown size={14} />} loading={bulk.isPending}>
                {t('bulk.move')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {stages
                .filter((stage) => stage.kind === 'open')
                .map((stage) => (
                  <Menu.Item key={stage.id} onClick={() => run({ kind: 'move', stageId: stage.id })}>
                    {stage.name}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
          <Button variant="default" color="red" onClick={() => ask('reject')} loading={bulk.isPending}>
            {t('bulk.reject')}
          </Button>
          <Button variant="default" onClick={() => ask('withdraw')} loading={bulk.isPending}>
            {t('bulk.withdraw')}
          </Button>
          <Button variant="default" onClick={() => ask('tag')} loading={bulk.isPending}>
            {t('bulk.tag')}
          </Button>
          <Button variant="default" onClick={() => ask('addToPosting')} loading={bulk.isPending}>
            {t('bulk.addToPosting')}
          </Button>
        </Group>
      </Group>
    </Paper>
  )
}

function BulkForm({
  kind,
  postingId,
  onSubmit,
}: {
  kind: 'reject' | 'withdraw' | 'tag' | 'addToPosting'
  postingId: number
  onSubmit: (action: BulkAction) => void
}) {
  const { t } = useTranslation(['applications', 'common'])
  const postings = usePostings({})
  const form = useForm({
    initialValues: { value: '' },
    validate: { value: (value) => (value.trim() ? null : t('common:form.required')) },
  })
  return (
    <form
      onSubmit={form.onSubmit(({ value }) =>
        onSubmit(
          kind === 'tag'
            ? { kind, tag: value.trim() }
            : kind === 'addToPosting'
              ? { kind, postingId: Number(value) }
              : { kind, reason: value.trim() },
        ),
      )}
    >
      <Stack>
        {kind === 'tag' ? (
          <TextInput label={t('bulk.tagLabel')} maxLength={60} data-autofocus {...form.getInputProps('value')} />
        ) : kind === 'addToPosting' ? (
          <Select
            label={t('profile.posting')}
            searchable
            data-autofocus
            data={(postings.data ?? [])
              .filter((posting) => posting.status !== 'closed' && posting.id !== postingId)
              .map((posting) => ({ value: String(posting.id), label: posting.title }))}
            {...form.getInputProps('value')}
          />
        ) : (
          <Textarea
            label={t('statusDialog.reason')}
            withAsterisk
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
            {...form.getInputProps('value')}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" color={kind === 'reject' ? 'red' : undefined}>
            {t(`bulk.confirm.${kind}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
