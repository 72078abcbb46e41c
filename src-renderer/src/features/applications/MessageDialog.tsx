import type { MessageTemplate } from '@contract'
import { Alert, Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { ApiError, call, queryClient } from '../../api/query'
import { downloadFile } from '../../components/files'
import i18n from '../../i18n'
import { candidateKeys } from '../candidates/candidate-queries'

const templates: MessageTemplate[] = [
  'rejection_after_screen',
  'rejection_after_interview',
  'interview_invitation',
  'offer_call',
]
const placeholderList = '{candidate} {posting} {team} {step} {date} {time} {interviewer} {sender}'

export function openMessageDialog(application: { id: number; candidateName: string }, initial?: MessageTemplate) {
  modals.open({
    title: i18n.t('applications:message.title', { name: application.candidateName }),
    size: 'lg',
    children: <MessageForm applicationId={application.id} name={application.candidateName} initial={initial} />,
  })
}

/** Pick a template, read or edit it (placeholders kept), then open it in the mail program or save an .eml. */
function MessageForm({
  applicationId,
  name,
  initial,
}: {
  applicationId: number
  name: string
  initial?: MessageTemplate | undefined
}) {
  const { t } = useTranslation('applications')
  const [template, setTemplate] = useState<MessageTemplate>(initial ?? 'rejection_after_screen')
  const [edited, setEdited] = useState<{ subject?: string; body?: string }>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const preview = useQuery({
    queryKey: ['messages', applicationId, template],
    queryFn: () => call(api.messages.compose({ applicationId, template })),
    staleTime: 0,
  })
  const data = preview.data
  const subject = edited.subject ?? data?.templateSubject ?? ''
  const body = edited.body ?? data?.templateBody ?? ''
  const send = async (via: 'eml' | 'mailto') => {
    setBusy(true)
    setError(null)
    try {
      const sent = await call(api.messages.send({ applicationId, template, subject, body, via }))
      if (sent.file) downloadFile(sent.file)
      // A new window is what the desktop app hands to the system (mail program); navigation itself is denied.
      if (sent.mailto) window.open(sent.mailto, '_blank', 'noopener')
      notifications.show({ color: 'green', message: t('message.recorded') })
      await queryClient.invalidateQueries({ queryKey: candidateKeys.all })
      modals.closeAll()
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Stack>
      <Select
        label={t('message.template')}
        data={templates.map((value) => ({ value, label: t(`message.templates.${value}`) }))}
        value={template}
        onChange={(value) => {
          const next = templates.find((entry) => entry === value)
          if (next) {
            setTemplate(next)
            setEdited({})
          }
        }}
        allowDeselect={false}
      />
      {data && !data.to && <Alert color="yellow">{t('message.noEmail', { name })}</Alert>}
      {data?.to && (
        <Text size="sm" c="dimmed">
          {t('message.to', { email: data.to.email })}
        </Text>
      )}
      <TextInput
        label={t('message.subject')}
        value={subject}
        onChange={(event) => setEdited((current) => ({ ...current, subject: event.currentTarget.value }))}
      />
      <Textarea
        label={t('message.body')}
        autosize
        minRows={8}
        maxRows={16}
        value={body}
        onChange={(event) => setEdited((current) => ({ ...current, body: event.currentTarget.value }))}
        description={t('message.placeholders', { list: placeholderList })}
      />
      {error && <Alert color="red">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" disabled={!data?.to} loading={busy} onClick={() => void send('mailto')}>
          {t('message.mailto')}
        </Button>
        <Button disabled={!data?.to} loading={busy} onClick={() => void send('eml')}>
          {t('message.eml')}
        </Button>
      </Group>
    </Stack>
  )
}
