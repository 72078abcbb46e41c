import type { CandidateDetailDto } from '@contract'
import { Anchor, Button, Card, Group, Select, Stack, Text, UnstyledButton } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { candidateKeys } from '../candidates/candidate-queries'
import { usePostings } from '../postings/posting-queries'
import { applicationKeys } from './application-queries'
import { ApplicationDrawer, ApplicationStatusBadge } from './ApplicationDrawer'

/** The postings a candidate applied to, where each application stands, and adding them to another one. */
export function CandidateApplications({ candidate }: { candidate: CandidateDetailDto }) {
  const { t } = useTranslation('applications')
  const [opened, setOpened] = useState<number | null>(null)
  const openAdd = () =>
    modals.open({
      title: t('profile.addTitle', { name: candidate.name }),
      children: <AddToPostingForm candidate={candidate} onDone={() => modals.closeAll()} />,
    })
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('profile.title')}</Text>
        {/* An erased candidate cannot apply anew (the service refuses it too). */}
        {candidate.privacy.erasedAt === null && (
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={openAdd}>
            {t('profile.add')}
          </Button>
        )}
      </Group>
      <Stack gap={6} role="list" aria-label={t('profile.title')}>
        {candidate.applications.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('profile.none')}
          </Text>
        )}
        {candidate.applications.map((application) => (
          <Group
            key={application.id}
            justify="space-between"
            wrap="nowrap"
            role="listitem"
            aria-label={application.postingTitle}
          >
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} href={`/postings/${application.postingId}/board`} size="sm" fw={600}>
                {application.postingTitle}
              </Anchor>
              <UnstyledButton onClick={() => setOpened(application.id)} display="block">
                <Text size="xs" c="dimmed">
                  {t('profile.stage', { stage: application.stageName })}
                </Text>
              </UnstyledButton>
            </div>
            <ApplicationStatusBadge status={application.status} />
          </Group>
        ))}
      </Stack>
      <ApplicationDrawer applicationId={opened} onClose={() => setOpened(null)} />
    </Card>
  )
}

function AddToPostingForm({ candidate, onDone }: { candidate: CandidateDetailDto; onDone: () => void }) {
  const { t } = useTranslation(['applications', 'common'])
  const postings = usePostings({})
  const applied = new Set(candidate.applications.map((application) => application.postingId))
  const form = useForm({
    initialValues: { postingId: '' },
    validate: { postingId: (value) => (value ? null : t('common:form.required')) },
  })
  const add = useApiMutation(api.applications.add, {
    invalidate: [candidateKeys.all, applicationKeys.all, applicationKeys.allStages],
    quiet: true,
    onSuccess: onDone,
  })
  return (
    <form
      onSubmit={form.onSubmit(({ postingId }) =>
        add.mutate(
          { candidateId: candidate.id, postingId: Number(postingId) },
          { onError: (error) => form.setFieldError('postingId', error.message) },
        ),
      )}
    >
      <Stack>
        <Select
          label={t('profile.posting')}
          searchable
          data-autofocus
          data={(postings.data ?? [])
            .filter((posting) => posting.status !== 'closed' && !applied.has(posting.id))
            .map((posting) => ({ value: String(posting.id), label: posting.title }))}
          nothingFoundMessage={t('profile.noPosting')}
          {...form.getInputProps('postingId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('profile.addConfirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
