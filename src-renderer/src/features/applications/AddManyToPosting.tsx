import { Button, Group, Select, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { candidateKeys } from '../candidates/candidate-queries'
import { usePostings } from '../postings/posting-queries'
import { applicationKeys } from './application-queries'

/** Adds the candidates ticked in the all-candidates table to a posting; those already in it stay as they are. */
export function AddManyToPosting({ candidateIds, onDone }: { candidateIds: number[]; onDone: () => void }) {
  const { t } = useTranslation(['candidates', 'applications', 'common'])
  const postings = usePostings({})
  const form = useForm({
    initialValues: { postingId: '' },
    validate: { postingId: (value) => (value ? null : t('common:form.required')) },
  })
  const add = useApiMutation(api.applications.addMany, {
    invalidate: [candidateKeys.all, applicationKeys.all, applicationKeys.allStages],
    quiet: true,
    onSuccess: (result) => {
      notifications.show({
        color: 'green',
        message: t('list.addedSelected', { added: result.added, already: result.alreadyApplied }),
      })
      onDone()
    },
  })
  return (
    <form
      onSubmit={form.onSubmit(({ postingId }) =>
        add.mutate(
          { postingId: Number(postingId), candidateIds },
          { onError: (error) => form.setFieldError('postingId', error.message) },
        ),
      )}
    >
      <Stack>
        <Select
          label={t('applications:profile.posting')}
          searchable
          data-autofocus
          data={(postings.data ?? [])
            .filter((posting) => posting.status !== 'closed')
            .map((posting) => ({ value: String(posting.id), label: posting.title }))}
          {...form.getInputProps('postingId')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t('list.addSelected', { count: candidateIds.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
