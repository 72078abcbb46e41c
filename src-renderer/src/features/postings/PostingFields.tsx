import type { RemotePolicy } from '@contract'
import { Group, MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { useLadders } from '../ladders/ladder-queries'
import { levelOptions, namedOptions, useDisplayNames } from './display-names'
import { remotePolicies } from './posting-enums'
import { usePostingReference } from './posting-queries'

export interface PostingFormValues {
  title: string
  levelId: string | null
  team: string
  language: string
  countries: string[]
  remotePolicy: RemotePolicy
  summary: string
}

/** The details every posting has, shared by the new-posting dialog, the posting page and the import review. */
export function PostingFields({
  form,
  titleRequired = true,
  titlePlaceholder,
  withSummary = true,
}: {
  form: UseFormReturnType<PostingFormValues>
  titleRequired?: boolean
  titlePlaceholder?: string | undefined
  withSummary?: boolean
}) {
  const { t, i18n } = useTranslation('postings')
  const ladders = useLadders()
  const reference = usePostingReference()
  const names = useDisplayNames()
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('fields.title')}
          withAsterisk={titleRequired}
          placeholder={titlePlaceholder}
          {...form.getInputProps('title')}
        />
        <Select
          label={t('fields.level')}
          withAsterisk
          searchable
          data={levelOptions(ladders.data)}
          {...form.getInputProps('levelId')}
        />
        <TextInput label={t('fields.team')} {...form.getInputProps('team')} />
        <Select
          label={t('fields.language')}
          withAsterisk
          searchable
          allowDeselect={false}
          data={namedOptions(reference.data?.languages ?? [], names.language, i18n.language)}
          {...form.getInputProps('language')}
        />
      </SimpleGrid>
      <Group grow align="flex-start">
        <MultiSelect
          label={t('fields.countries')}
          searchable
          clearable
          data={namedOptions(reference.data?.countries ?? [], names.country, i18n.language)}
          {...form.getInputProps('countries')}
        />
        <Select
          label={t('fields.remotePolicy')}
          allowDeselect={false}
          data={remotePolicies.map((policy) => ({ value: policy, label: t(`remote.${policy}`) }))}
          {...form.getInputProps('remotePolicy')}
        />
      </Group>
      {withSummary && (
        <Textarea label={t('fields.summary')} autosize minRows={2} maxRows={8} {...form.getInputProps('summary')} />
      )}
    </>
  )
}
