import type { PostingDto, PostingStatus } from '@contract'
import { Accordion, Alert, Button, Card, Group, Loader, Menu, Stack, Tabs, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconChevronDown, IconCopy, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { applyServerIssues } from '../../components/forms'
import { ApplicantsTable } from '../applications/ApplicantsTable'
import { PipelineBoard } from '../applications/PipelineBoard'
import { StagesEditor } from '../applications/StagesEditor'
import { InterviewPlanEditor } from '../interviews/InterviewPlanEditor'
import { useLadders } from '../ladders/ladder-queries'
import { OriginalText } from './OriginalText'
import { PostingFields, type PostingFormValues } from './PostingFields'
import { postingKeys, usePosting, usePostingReference } from './posting-queries'
import { RequirementsEditor } from './RequirementsEditor'
import { StatusBadge } from './StatusBadge'

export const postingTabs = ['details', 'applicants', 'board', 'stages', 'plan'] as const
export type PostingTab = (typeof postingTabs)[number]

/** A posting: its details and requirements, its applicants (table and board) and its pipeline's stages. */
export function PostingPage({ id, tab = 'details' }: { id: number; tab?: PostingTab }) {
  const { t } = useTranslation(['postings', 'applications', 'interviews', 'common'])
  const [, navigate] = useLocation()
  const posting = usePosting(id)
  if (posting.isPending) return <Loader />
  if (posting.isError) return <Alert color="red">{posting.error.message}</Alert>
  const data = posting.data
  return (
    <Stack>
      <PostingHeader posting={data} />
      <Tabs
        value={tab}
        onChange={(value) => navigate(value === 'details' || !value ? `/postings/${id}` : `/postings/${id}/${value}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {postingTabs.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {value === 'plan' ? t('interviews:tabs.plan') : t(`applications:tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="details">
          <Stack>
            <Card withBorder>
              <Title order={3} mb="sm">
                {t('details.title')}
              </Title>
              {/* Remounted when the stored details change, so the form always starts from them. */}
              <DetailsForm key={detailsKey(data)} posting={data} />
            </Card>
            <RequirementsEditor posting={data} />
            {data.originalText && (
              <Accordion variant="contained">
                <Accordion.Item value="original">
                  <Accordion.Control>
                    {data.originalFileName
                      ? t('details.originalFrom', { fileName: data.originalFileName })
                      : t('details.original')}
                  </Accordion.Control>
                  <Accordion.Panel>
                    <OriginalText text={data.originalText} label={t('details.original')} />
                  </Accordion.Panel>
                </Accordion.Item>
              </Accordion>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="applicants">
          <ApplicantsTable posting={data} />
        </Tabs.Panel>
        <Tabs.Panel value="board">
          <PipelineBoard posting={data} />
        </Tabs.Panel>
        <Tabs.Panel value="stages">
          <StagesEditor posting={data} />
        </Tabs.Panel>
        <Tabs.Panel value="plan">
          <InterviewPlanEditor postingId={data.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

const detailsKey = (posting: PostingDto) =>
  JSON.stringify([
    posting.title,
    posting.levelId,
    posting.team,
    posting.language,
    posting.countries,
    posting.remotePolicy,
    posting.summary,
  ])

function PostingHeader({ posting }: { posting: PostingDto }) {
  const { t } = useTranslation(['postings', 'common'])
  const [, navigate] = useLocation()
  const reference = usePostingReference()
  const invalidate = [postingKeys.all]
  const setStatus = useApiMutation(api.postings.setStatus, { invalidate })
  const duplicate = useApiMutation(api.postings.duplicate, {
    invalidate,
    onSuccess: (copy) => navigate(`/postings/${copy.id}`),
  })
  const remove = useApiMutation(api.postings.delete, { invalidate, onSuccess: () => navigate('/postings') })
  const next: PostingStatus[] = reference.data?.statusTransitions[posting.status] ?? []
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('delete.title', { title: posting.title }),
      children: <Text size="sm">{t('delete.body')}</Text>,
      labels: { confirm: t('delete.confirm'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: posting.id }),
    })
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Group gap="sm">
          <Title order={2}>{posting.title}</Title>
          <StatusBadge status={posting.status} />
        </Group>
        <Text c="dimmed" size="sm">
          {t('details.target', { level: posting.levelTitle, ladder: posting.ladderName })}
        </Text>
      </div>
      <Group>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" rightSection={<IconChevronDown size={14} />} disabled={next.length === 0}>
              {t('statusAction.menu')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {next.map((status) => (
              <Menu.Item key={status} onClick={() => setStatus.mutate({ id: posting.id, status })}>
                {t(`statusAction.${posting.status === 'closed' ? 'reopen' : status}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button
          variant="default"
          leftSection={<IconCopy size={16} />}
          loading={duplicate.isPending}
          onClick={() => duplicate.mutate({ id: posting.id })}
        >
          {t('details.duplicate')}
        </Button>
        <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={confirmDelete}>
          {t('delete.action')}
        </Button>
      </Group>
    </Group>
  )
}

function DetailsForm({ posting }: { posting: PostingDto }) {
  const { t } = useTranslation(['postings', 'common'])
  const ladders = useLadders()
  const form = useForm<PostingFormValues>({
    initialValues: {
      title: posting.title,
      levelId: String(posting.levelId),
      team: posting.team,
      language: posting.language,
      countries: posting.countries,
      remotePolicy: posting.remotePolicy,
      summary: posting.summary,
    },
    validate: {
      title: (value) => (value.trim() ? null : t('common:form.required')),
      levelId: (value) => (value ? null : t('common:form.required')),
    },
  })
  const update = useApiMutation(api.postings.update, { invalidate: [postingKeys.all], quiet: true })
  const save = (values: PostingFormValues, clearForeignCompetencies: boolean) =>
    update.mutate(
      { id: posting.id, ...values, levelId: Number(values.levelId), clearForeignCompetencies },
      { onError: (error) => applyServerIssues(form, error) || form.setFieldError('title', error.message) },
    )
  const submit = form.onSubmit((values) => {
    const ladderOf = (levelId: number) =>
      ladders.data?.find((ladder) => ladder.levels.some((level) => level.id === levelId))?.id
    const links = posting.requirements.filter((requirement) => requirement.competencyId !== null).length
    if (links > 0 && ladderOf(Number(values.levelId)) !== posting.ladderId) {
      modals.openConfirmModal({
        title: t('details.otherLadderTitle'),
        children: <Text size="sm">{t('details.otherLadderBody', { count: links })}</Text>,
        labels: { confirm: t('details.otherLadderConfirm'), cancel: t('common:actions.cancel') },
        onConfirm: () => save(values, true),
      })
    } else {
      save(values, false)
    }
  })
  return (
    <form onSubmit={submit}>
      <Stack>
        <PostingFields form={form} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('details.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
