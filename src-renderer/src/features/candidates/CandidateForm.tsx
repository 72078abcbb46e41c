import type { CandidateDetailDto } from '@contract'
import { Alert, Anchor, Button, Group, Stack, TagsInput, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDebouncedValue } from '@mantine/hooks'
import { modals } from '@mantine/modals'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { ApiError, call, useApiMutation } from '../../api/query'
import { applyServerIssues } from '../../components/forms'
import { ConsentFields, defaultConsent, toConsentInput, type ConsentValues } from '../privacy/ConsentFields'
import { candidateKeys } from './candidate-queries'

interface Values {
  name: string
  emails: string[]
  phones: string[]
  links: string[]
  tags: string[]
  location: string
  source: string
}

const empty: Values = { name: '', emails: [], phones: [], links: [], tags: [], location: '', source: '' }

/** Creates a candidate (warning about likely duplicates while typing) or edits one. */
export function CandidateForm({
  candidate,
  onSaved,
}: {
  candidate?: CandidateDetailDto
  onSaved?: (id: number) => void
}) {
  const { t } = useTranslation(['candidates', 'common'])
  const form = useForm<Values>({
    initialValues: candidate
      ? {
          name: candidate.name,
          emails: candidate.emails,
          phones: candidate.phones,
          links: candidate.links,
          tags: candidate.tags,
          location: candidate.location,
          source: candidate.source,
        }
      : empty,
    validate: { name: (value) => (value.trim() ? null : t('common:form.required')) },
  })
  const [conflict, setConflict] = useState<string | null>(null)
  const [consent, setConsent] = useState<ConsentValues>(defaultConsent())
  const [probe] = useDebouncedValue(
    { name: form.values.name, emails: form.values.emails, phones: form.values.phones },
    300,
  )
  const duplicates = useQuery({
    queryKey: ['candidates', 'duplicates', probe, candidate?.id ?? null],
    queryFn: () => call(api.candidates.findDuplicates({ ...probe, ...(candidate ? { excludeId: candidate.id } : {}) })),
    enabled: probe.name.trim() !== '' || probe.emails.length > 0 || probe.phones.length > 0,
  })
  const done = (saved: CandidateDetailDto) => {
    modals.closeAll()
    onSaved?.(saved.id)
  }
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.error.code === 'conflict') setConflict(error.message)
    else if (!applyServerIssues(form, error)) form.setFieldError('name', error.message)
  }
  const create = useApiMutation(api.candidates.create, {
    invalidate: [candidateKeys.all],
    quiet: true,
    onSuccess: done,
  })
  const update = useApiMutation(api.candidates.update, {
    invalidate: [candidateKeys.all],
    quiet: true,
    onSuccess: done,
  })
  const submit = (values: Values, ifDuplicate: 'refuse' | 'create') => {
    if (candidate) update.mutate({ id: candidate.id, ...values }, { onError })
    else create.mutate({ ...values, ifDuplicate, consent: toConsentInput(consent) }, { onError })
  }

  return (
    <form onSubmit={form.onSubmit((values) => submit(values, 'refuse'))}>
      <Stack>
        <TextInput label={t('fields.name')} data-autofocus withAsterisk {...form.getInputProps('name')} />
        <TagsInput label={t('fields.emails')} description={t('fields.listHint')} {...form.getInputProps('emails')} />
        <TagsInput label={t('fields.phones')} description={t('fields.listHint')} {...form.getInputProps('phones')} />
        <TagsInput label={t('fields.links')} {...form.getInputProps('links')} />
        <Group grow>
          <TextInput label={t('fields.location')} {...form.getInputProps('location')} />
          <TextInput label={t('fields.source')} {...form.getInputProps('source')} />
        </Group>
        <TagsInput label={t('fields.tags')} {...form.getInputProps('tags')} />
        {!candidate && <ConsentFields value={consent} onChange={setConsent} />}
        {(duplicates.data?.length ?? 0) > 0 && (
          <Alert color="yellow" title={t('duplicates.title')}>
            <Stack gap={4}>
              {duplicates.data?.map((match) => (
                <Anchor
                  key={match.id}
                  component={Link}
                  href={`/candidates/${match.id}`}
                  onClick={() => modals.closeAll()}
                >
                  {t('duplicates.match', {
                    name: match.name,
                    reasons: match.reasons.map((reason) => t(`duplicates.reasons.${reason}`)).join(', '),
                  })}
                </Anchor>
              ))}
            </Stack>
          </Alert>
        )}
        {conflict && (
          <Alert color="orange" title={t('duplicates.refused')}>
            <Stack gap="xs">
              {conflict}
              <Group>
                <Button size="xs" variant="default" onClick={() => submit(form.getValues(), 'create')}>
                  {t('duplicates.createAnyway')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending || update.isPending}>
            {candidate ? t('common:actions.save') : t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
