import type { ApplicationDetailDto, InterviewPlanDto, InterviewSummaryDto } from '@contract'
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { IconCalendarEvent, IconPackageExport, IconPrinter, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api } from '../../api/client'
import { call, notifyError, useApiMutation } from '../../api/query'
import { usePeople } from '../../api/workspace'
import { downloadFile } from '../../components/files'
import { applyServerIssues } from '../../components/forms'
import { ApplicationStatusBadge } from '../applications/ApplicationDrawer'
import { useApplication } from '../applications/application-queries'
import { useCan } from '../team/permissions'
import { DebriefView } from './DebriefView'
import { formatWhen } from '../../i18n/format'
import { interviewKeys, useApplicationInterviews, useInterviewPlan } from './interview-queries'
import { kitLanguage } from './kit-language'
import { ScorecardStateBadge } from './ScorecardStateBadge'

export const applicationTabs = ['interviews', 'debrief'] as const
export type ApplicationTab = (typeof applicationTabs)[number]

/** One application's interviews (schedule, kits, packets) and its debrief. */
export function ApplicationInterviewsPage({ id, tab }: { id: number; tab: ApplicationTab }) {
  const { t } = useTranslation('interviews')
  const [, navigate] = useLocation()
  const application = useApplication(id)
  if (application.isPending) return <Loader />
  if (application.isError) return <Alert color="red">{application.error.message}</Alert>
  const data = application.data
  return (
    <Stack>
      <div>
        <Group gap="sm">
          <Title order={2}>{data.candidateName}</Title>
          <ApplicationStatusBadge status={data.status} />
        </Group>
        <Text size="sm" c="dimmed">
          <Anchor component={Link} href={`/postings/${data.postingId}/applicants`}>
            {data.postingTitle}
          </Anchor>
          {' · '}
          {data.stageName}
          {' · '}
          <Anchor component={Link} href={`/candidates/${data.candidateId}`}>
            {t('application.profile')}
          </Anchor>
        </Text>
      </div>
      <Tabs
        value={tab}
        onChange={(value) => navigate(`/applications/${id}/${value === 'debrief' ? 'debrief' : 'interviews'}`)}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="interviews">{t('application.interviews')}</Tabs.Tab>
          <Tabs.Tab value="debrief">{t('application.debrief')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="interviews">{tab === 'interviews' && <InterviewsPanel application={data} />}</Tabs.Panel>
        <Tabs.Panel value="debrief">{tab === 'debrief' && <DebriefView application={data} />}</Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

function InterviewsPanel({ application }: { application: ApplicationDetailDto }) {
  const { t } = useTranslation('interviews')
  const can = useCan()
  // An interviewer on a team server sees the panel's interviews; scheduling is the hiring team's.
  const schedules = can('interviews:schedule')
  const plan = useInterviewPlan(application.postingId, schedules)
  const interviews = useApplicationInterviews(application.id)
  return (
    <Stack>
      <Card withBorder>
        <Title order={3} mb="sm">
          {t('schedule.title')}
        </Title>
        {interviews.data && interviews.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('schedule.none')}
          </Text>
        ) : (
          <InterviewTable interviews={interviews.data ?? []} applicationId={application.id} />
        )}
      </Card>
      {!schedules ? null : application.status === 'active' ? (
        plan.data && plan.data.steps.length > 0 ? (
          <ScheduleForm plan={plan.data} applicationId={application.id} />
        ) : (
          <Alert color="blue" variant="light">
            {t('schedule.noPlan')}{' '}
            <Anchor component={Link} href={`/postings/${application.postingId}/plan`}>
              {t('schedule.openPlan')}
            </Anchor>
          </Alert>
        )
      ) : (
        <Text size="sm" c="dimmed">
          {t('schedule.closed')}
        </Text>
      )}
    </Stack>
  )
}

export function InterviewTable({
  interviews,
  applicationId,
}: {
  interviews: InterviewSummaryDto[]
  applicationId?: number
}) {
  const { t, i18n } = useTranslation(['interviews', 'common'])
  const can = useCan()
  const invalidate = [interviewKeys.all]
  const cancel = useApiMutation(api.interviews.cancel, { invalidate })
  const download = async (request: () => Promise<Parameters<typeof downloadFile>[0]>) => {
    try {
      downloadFile(await request())
    } catch (error) {
      notifyError(error)
    }
  }
  const confirmCancel = (interview: InterviewSummaryDto) =>
    modals.openConfirmModal({
      title: t('schedule.cancelTitle', { step: interview.stepName, name: interview.interviewerName }),
      children: <Text size="sm">{t('schedule.cancelBody')}</Text>,
      labels: { confirm: t('schedule.cancel'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => cancel.mutate({ id: interview.id }),
    })
  return (
    <Table verticalSpacing="xs" aria-label={t('schedule.title')}>
      <Table.Thead>
        <Table.Tr>
          {applicationId === undefined && <Table.Th>{t('columns.candidate')}</Table.Th>}
          <Table.Th>{t('columns.step')}</Table.Th>
          <Table.Th>{t('columns.interviewer')}</Table.Th>
          <Table.Th>{t('columns.when')}</Table.Th>
          <Table.Th>{t('columns.scorecard')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {interviews.map((interview) => (
          <Table.Tr key={interview.id} aria-label={`${interview.stepName}, ${interview.interviewerName}`}>
            {applicationId === undefined && (
              <Table.Td>
                <Anchor component={Link} href={`/applications/${interview.applicationId}/interviews`} fw={600}>
                  {interview.candidateName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {interview.postingTitle}
                </Text>
              </Table.Td>
            )}
            <Table.Td>{interview.stepName}</Table.Td>
            <Table.Td>{interview.interviewerName}</Table.Td>
            <Table.Td>
              {formatWhen(interview.scheduledAt, i18n.language)}
              <Text size="xs" c="dimmed">
                {t('plan.minutes', { count: interview.durationMinutes })}
              </Text>
            </Table.Td>
            <Table.Td>
              <ScorecardStateBadge state={interview.scorecardState} />
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap" justify="flex-end">
                <Button component={Link} href={`/interviews/${interview.id}`} size="compact-sm" variant="light">
                  {t('scorecard.open')}
                </Button>
                <Tooltip label={t('kit.print')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('kit.printFor', { step: interview.stepName, name: interview.interviewerName })}
                    onClick={() =>
                      void download(() =>
                        call(api.interviews.kit({ id: interview.id, language: kitLanguage(i18n.language) })),
                      )
                    }
                  >
                    <IconPrinter size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('invite.export')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('invite.exportFor', { step: interview.stepName, name: interview.interviewerName })}
                    onClick={() => void download(() => call(api.messages.invite({ id: interview.id })))}
                  >
                    <IconCalendarEvent size={16} />
                  </ActionIcon>
                </Tooltip>
                {can('interviews:packet') && (
                  <Tooltip label={t('packet.export')}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('packet.exportFor', { step: interview.stepName, name: interview.interviewerName })}
                      onClick={() => void download(() => call(api.interviews.packet({ id: interview.id })))}
                    >
                      <IconPackageExport size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
                {can('interviews:cancel') && (
                  <Tooltip label={t('schedule.cancel')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={interview.submittedVersion !== null}
                      aria-label={t('schedule.cancelFor', {
                        step: interview.stepName,
                        name: interview.interviewerName,
                      })}
                      onClick={() => confirmCancel(interview)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

interface ScheduleValues {
  stepId: string | null
  interviewerId: string | null
  when: string
  durationMinutes: number | string
}

function ScheduleForm({ plan, applicationId }: { plan: InterviewPlanDto; applicationId: number }) {
  const { t } = useTranslation(['interviews', 'common'])
  const people = usePeople()
  const form = useForm<ScheduleValues>({
    initialValues: { stepId: null, interviewerId: null, when: '', durationMinutes: '' },
    validate: {
      stepId: (value) => (value ? null : t('common:form.required')),
      interviewerId: (value) => (value ? null : t('common:form.required')),
      when: (value) => (value && !Number.isNaN(Date.parse(value)) ? null : t('common:form.required')),
    },
  })
  const schedule = useApiMutation(api.interviews.schedule, {
    invalidate: [interviewKeys.all],
    quiet: true,
    onSuccess: () => form.reset(),
  })
  const submit = form.onSubmit((values) =>
    schedule.mutate(
      {
        applicationId,
        stepId: Number(values.stepId),
        interviewerId: Number(values.interviewerId),
        // The picker gives local time without a zone; the server keeps UTC.
        scheduledAt: new Date(values.when).toISOString(),
        ...(values.durationMinutes === '' ? {} : { durationMinutes: Number(values.durationMinutes) }),
      },
      { onError: (error) => applyServerIssues(form, error) || form.setFieldError('when', error.message) },
    ),
  )
  const step = plan.steps.find((entry) => String(entry.id) === form.getValues().stepId)
  return (
    <Card withBorder>
      <Title order={3} mb="sm">
        {t('schedule.add')}
      </Title>
      <form onSubmit={submit}>
        <Group align="flex-start">
          <Select
            label={t('columns.step')}
            data={plan.steps.map((entry) => ({ value: String(entry.id), label: entry.name }))}
            w={220}
            {...form.getInputProps('stepId')}
          />
          <Select
            label={t('columns.interviewer')}
            searchable
            data={(people.data ?? []).map((person) => ({ value: String(person.id), label: person.name }))}
            w={220}
            {...form.getInputProps('interviewerId')}
          />
          <TextInput type="datetime-local" label={t('schedule.when')} w={230} {...form.getInputProps('when')} />
          <NumberInput
            label={t('plan.duration')}
            placeholder={step ? String(step.durationMinutes) : ''}
            min={5}
            max={480}
            w={160}
            {...form.getInputProps('durationMinutes')}
          />
          <Button type="submit" mt={25} loading={schedule.isPending}>
            {t('schedule.submit')}
          </Button>
        </Group>
      </form>
    </Card>
  )
}
