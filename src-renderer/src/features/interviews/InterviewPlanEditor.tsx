import type { FocusItemDto, InterviewPlanDto, InterviewStepDto } from '@contract'
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { IconCopy, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { usePeople } from '../../api/workspace'
import { applyServerIssues } from '../../components/forms'
import { SortableList } from '../../components/SortableList'
import { usePostings } from '../postings/posting-queries'
import { interviewKeys, useInterviewPlan } from './interview-queries'

/** The posting's interview plan: ordered steps with focus items, questions and a duration; the hiring manager. */
export function InterviewPlanEditor({ postingId }: { postingId: number }) {
  const { t } = useTranslation(['interviews', 'common'])
  const plan = useInterviewPlan(postingId)
  const [editing, setEditing] = useState<InterviewStepDto | 'new' | null>(null)
  const invalidate = [interviewKeys.plan(postingId)]
  const reorder = useApiMutation(api.interviews.reorderSteps, { invalidate })
  const remove = useApiMutation(api.interviews.removeStep, { invalidate })
  if (plan.isPending) return <Loader />
  if (plan.isError) return <Alert color="red">{plan.error.message}</Alert>
  const data = plan.data
  const confirmRemove = (step: InterviewStepDto) =>
    modals.openConfirmModal({
      title: t('plan.removeTitle', { name: step.name }),
      children: <Text size="sm">{t('plan.removeBody')}</Text>,
      labels: { confirm: t('common:actions.remove'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: step.id }),
    })
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={3}>{t('plan.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('plan.anchoredTo', { level: data.levelTitle, ladder: data.ladderName })}
            </Text>
          </div>
          <Group align="flex-end">
            <HiringManagerSelect plan={data} />
            <CopyPlan plan={data} />
          </Group>
        </Group>
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('plan.steps')}</Title>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('plan.addStep')}
          </Button>
        </Group>
        {data.steps.length === 0 ? (
          <Text c="dimmed">{t('plan.empty')}</Text>
        ) : (
          <SortableList
            items={data.steps}
            label={(step) => step.name}
            onReorder={(stepIds) => reorder.mutate({ postingId, stepIds })}
            actions={(step) => (
              <>
                <Tooltip label={t('common:actions.editNamed', { name: step.name })}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('common:actions.editNamed', { name: step.name })}
                    onClick={() => setEditing(step)}
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip
                  label={
                    step.interviews > 0 ? t('plan.cannotRemove') : t('common:actions.removeNamed', { name: step.name })
                  }
                >
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    disabled={step.interviews > 0}
                    aria-label={t('common:actions.removeNamed', { name: step.name })}
                    onClick={() => confirmRemove(step)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </>
            )}
          >
            {(step) => <StepSummary step={step} />}
          </SortableList>
        )}
      </Card>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size="lg"
        title={editing === 'new' ? t('plan.addStep') : t('plan.editStep')}
      >
        {editing !== null && (
          <StepForm plan={data} step={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Drawer>
    </Stack>
  )
}

function StepSummary({ step }: { step: InterviewStepDto }) {
  const { t } = useTranslation('interviews')
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={600}>{step.name}</Text>
        <Badge variant="light" color="gray">
          {t('plan.minutes', { count: step.durationMinutes })}
        </Badge>
        <Badge variant="light" color="gray">
          {t('plan.questionCount', { count: step.questions.length })}
        </Badge>
      </Group>
      {step.focus.length > 0 ? (
        <Group gap={4} aria-label={t('plan.focusOf', { name: step.name })} role="list">
          {step.focus.map((item) => (
            <Badge
              key={item.key}
              role="listitem"
              variant="outline"
              color={item.kind === 'competency' ? 'grape' : 'blue'}
              style={{ textTransform: 'none', maxWidth: 420 }}
            >
              {item.label}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t('plan.noFocus')}
        </Text>
      )}
    </Stack>
  )
}

interface StepFormValues {
  name: string
  durationMinutes: number | string
  focus: string[]
  questions: string
}

const focusGroups = (options: FocusItemDto[], t: (key: 'plan.requirements' | 'plan.competencies') => string) => [
  {
    group: t('plan.requirements'),
    items: options
      .filter((item) => item.kind === 'requirement')
      .map((item) => ({ value: item.key, label: item.label })),
  },
  {
    group: t('plan.competencies'),
    items: options.filter((item) => item.kind === 'competency').map((item) => ({ value: item.key, label: item.label })),
  },
]

function StepForm({
  plan,
  step,
  onDone,
}: {
  plan: InterviewPlanDto
  step: InterviewStepDto | null
  onDone: () => void
}) {
  const { t } = useTranslation(['interviews', 'common'])
  const form = useForm<StepFormValues>({
    initialValues: {
      name: step?.name ?? '',
      durationMinutes: step?.durationMinutes ?? 45,
      focus: step?.focus.map((item) => item.key) ?? [],
      questions: step?.questions.join('\n') ?? '',
    },
    validate: {
      name: (value) => (value.trim() ? null : t('common:form.required')),
      durationMinutes: (value) => (Number(value) >= 5 && Number(value) <= 480 ? null : t('plan.durationRange')),
    },
  })
  const invalidate = [interviewKeys.plan(plan.postingId)]
  const add = useApiMutation(api.interviews.addStep, { invalidate, quiet: true, onSuccess: onDone })
  const update = useApiMutation(api.interviews.updateStep, { invalidate, quiet: true, onSuccess: onDone })
  const submit = form.onSubmit((values) => {
    const fields = {
      name: values.name,
      durationMinutes: Number(values.durationMinutes),
      questions: values.questions
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      focus: values.focus.flatMap((key) => {
        const option = plan.focusOptions.find((item) => item.key === key)
        if (!option) return []
        const id = option.kind === 'competency' ? option.competencyId : option.requirementId
        return id === null ? [] : [{ kind: option.kind, id }]
      }),
    }
    const onError = (error: Error) => applyServerIssues(form, error) || form.setFieldError('name', error.message)
    if (step) update.mutate({ id: step.id, ...fields }, { onError })
    else add.mutate({ postingId: plan.postingId, ...fields }, { onError })
  })
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('plan.stepName')}
          placeholder={t('plan.stepNamePlaceholder')}
          {...form.getInputProps('name')}
        />
        <NumberInput
          label={t('plan.duration')}
          min={5}
          max={480}
          step={15}
          {...form.getInputProps('durationMinutes')}
        />
        <MultiSelect
          label={t('plan.focus')}
          description={t('plan.focusHelp')}
          data={focusGroups(plan.focusOptions, t)}
          searchable
          clearable
          {...form.getInputProps('focus')}
        />
        <Textarea
          label={t('plan.questions')}
          description={t('plan.questionsHelp')}
          autosize
          minRows={4}
          {...form.getInputProps('questions')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending || update.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function HiringManagerSelect({ plan }: { plan: InterviewPlanDto }) {
  const { t } = useTranslation('interviews')
  const people = usePeople()
  const set = useApiMutation(api.interviews.setHiringManager, { invalidate: [interviewKeys.plan(plan.postingId)] })
  return (
    <Select
      label={t('plan.hiringManager')}
      description={t('plan.hiringManagerHelp')}
      placeholder={t('plan.noHiringManager')}
      clearable
      w={260}
      data={(people.data ?? []).map((person) => ({ value: String(person.id), label: person.name }))}
      value={plan.hiringManagerId === null ? null : String(plan.hiringManagerId)}
      onChange={(value) => set.mutate({ postingId: plan.postingId, personId: value ? Number(value) : null })}
    />
  )
}

function CopyPlan({ plan }: { plan: InterviewPlanDto }) {
  const { t } = useTranslation('interviews')
  const postings = usePostings({})
  const [from, setFrom] = useState<string | null>(null)
  const copy = useApiMutation(api.interviews.copyPlan, {
    invalidate: [interviewKeys.plan(plan.postingId)],
    onSuccess: (result) => {
      setFrom(null)
      notifications.show({
        color: result.dropped.length > 0 ? 'yellow' : 'green',
        title: t('plan.copied', { count: result.copiedSteps }),
        message:
          result.dropped.length > 0
            ? t('plan.copiedDropped', { items: result.dropped.join('; ') })
            : t('plan.copiedAll'),
        autoClose: result.dropped.length > 0 ? 12_000 : 4_000,
      })
    },
  })
  const options = (postings.data ?? [])
    .filter((posting) => posting.id !== plan.postingId)
    .map((posting) => ({ value: String(posting.id), label: posting.title }))
  return (
    <Group gap="xs" align="flex-end">
      <Select
        label={t('plan.copyFrom')}
        placeholder={t('plan.choosePosting')}
        searchable
        w={240}
        data={options}
        value={from}
        onChange={setFrom}
      />
      <Button
        variant="default"
        leftSection={<IconCopy size={16} />}
        disabled={from === null}
        loading={copy.isPending}
        onClick={() => from && copy.mutate({ fromPostingId: Number(from), toPostingId: plan.postingId })}
      >
        {t('plan.copy')}
      </Button>
    </Group>
  )
}
