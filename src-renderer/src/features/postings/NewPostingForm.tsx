import { Button, Group, Stack, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { applyServerIssues } from '../../components/forms'
import { useLadders } from '../ladders/ladder-queries'
import { PostingFields, type PostingFormValues } from './PostingFields'
import { postingKeys } from './posting-queries'

/** A blank posting, or one prefilled from a level's expectations (the title then defaults to the level's). */
export function NewPostingForm({ fromLevel, onCreated }: { fromLevel: boolean; onCreated: (id: number) => void }) {
  const { t, i18n } = useTranslation(['postings', 'common'])
  const ladders = useLadders()
  const form = useForm<PostingFormValues>({
    initialValues: {
      title: '',
      levelId: null,
      team: '',
      // Every interface language is also a posting language (ISO 639-1).
      language: i18n.language,
      countries: [],
      remotePolicy: 'onsite',
      summary: '',
    },
    validate: {
      title: (value) => (fromLevel || value.trim() ? null : t('common:form.required')),
      levelId: (value) => (value ? null : t('common:form.required')),
    },
  })
  const options = {
    invalidate: [postingKeys.all],
    quiet: true,
    onSuccess: (posting: { id: number }) => {
      modals.closeAll()
      onCreated(posting.id)
    },
  }
  const create = useApiMutation(api.postings.create, options)
  const createFromLevel = useApiMutation(api.postings.createFromLevel, options)
  const levelTitle = ladders.data
    ?.flatMap((ladder) => ladder.levels)
    .find((level) => String(level.id) === form.values.levelId)?.title

  const submit = form.onSubmit((values) => {
    const details = {
      levelId: Number(values.levelId),
      team: values.team,
      language: values.language,
      countries: values.countries,
      remotePolicy: values.remotePolicy,
      summary: values.summary,
    }
    const onError = (error: Error) => {
      if (!applyServerIssues(form, error)) form.setFieldError('title', error.message)
    }
    if (fromLevel) {
      createFromLevel.mutate({ ...details, ...(values.title.trim() ? { title: values.title } : {}) }, { onError })
    } else {
      create.mutate({ ...details, title: values.title }, { onError })
    }
  })

  return (
    <form onSubmit={submit}>
      <Stack>
        {fromLevel && (
          <Text size="sm" c="dimmed">
            {t('create.fromLevelHint')}
          </Text>
        )}
        <PostingFields form={form} titleRequired={!fromLevel} titlePlaceholder={fromLevel ? levelTitle : undefined} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending || createFromLevel.isPending}>
            {fromLevel ? t('create.fromLevelSubmit') : t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
