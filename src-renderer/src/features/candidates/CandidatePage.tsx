import type { AttachResultDto, CandidateDetailDto, DocumentDto, NoteDto } from '@contract'
import { resumeExtensions, type ResumeExtension } from '@contract/closed-lists'
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import { modals } from '@mantine/modals'
import { IconDownload, IconFileText, IconPencil, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api, transport } from '../../api/client'
import { notifyError, useApiMutation } from '../../api/query'
import { downloadFile, fileToBase64 } from '../../components/files'
import { applicationKeys } from '../applications/application-queries'
import { CandidateApplications } from '../applications/CandidateApplications'
import { CandidatePrivacy } from '../privacy/CandidatePrivacy'
import { CandidateForm } from './CandidateForm'
import { candidateKeys, useCandidate, useDocumentText } from './candidate-queries'
import { contactHref } from './contact-links'
import { PhoneText } from './PhoneText'
import { formatWhen } from '../../i18n/format'

const RESUME_MEDIA_TYPES: Record<ResumeExtension, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
}
/** The drop zone's filter: every extension the core accepts, grouped by media type. */
export const RESUME_ACCEPT = resumeExtensions.reduce<Record<string, string[]>>((accept, extension) => {
  const type = RESUME_MEDIA_TYPES[extension]
  return { ...accept, [type]: [...(accept[type] ?? []), `.${extension}`] }
}, {})

export function CandidatePage({ id }: { id: number }) {
  const { t } = useTranslation(['candidates', 'common', 'privacy'])
  const candidate = useCandidate(id)
  const [openDocument, setOpenDocument] = useState<number | null>(null)
  if (candidate.isPending) return <Loader />
  if (candidate.isError) return <Alert color="red">{candidate.error.message}</Alert>
  const data = candidate.data
  const shown = openDocument ?? data.documents.find((doc) => doc.status === 'extracted')?.id ?? null

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2}>{data.name}</Title>
            {data.privacy.erasedAt && (
              <Badge color="gray" variant="light">
                {t('privacy:profile.erasedBadge')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {[data.location, data.source].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <Button
          variant="default"
          disabled={data.privacy.erasedAt !== null}
          leftSection={<IconPencil size={16} />}
          onClick={() =>
            modals.open({ title: t('edit.title'), size: 'lg', children: <CandidateForm candidate={data} /> })
          }
        >
          {t('edit.action')}
        </Button>
      </Group>
      {data.privacy.erasedAt && (
        <Alert color="gray">{t('privacy:profile.erased', { date: formatWhen(data.privacy.erasedAt) })}</Alert>
      )}
      <Duplicates candidate={data} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Contacts candidate={data} />
            <CandidatePrivacy candidate={data} />
            <CandidateApplications candidate={data} />
            <Documents candidate={data} shown={shown} onShow={setOpenDocument} />
            <Notes candidate={data} />
            <Activity candidate={data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <DocumentText documentId={shown} documents={data.documents} />
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

function Contacts({ candidate }: { candidate: CandidateDetailDto }) {
  const { t } = useTranslation('candidates')
  const rows: [string, 'emails' | 'phones' | 'links', string[]][] = [
    [t('fields.emails'), 'emails', candidate.emails],
    [t('fields.phones'), 'phones', candidate.phones],
    [t('fields.links'), 'links', candidate.links],
  ]
  return (
    <Card withBorder>
      <Stack gap="xs">
        {rows.map(([label, kind, values]) => (
          <Group key={label} align="flex-start" wrap="nowrap">
            <Text size="sm" c="dimmed" w={90}>
              {label}
            </Text>
            <Stack gap={2} aria-label={label}>
              {values.length === 0 && <Text size="sm">—</Text>}
              {values.map((value) => (
                <ContactValue key={value} kind={kind} value={value} />
              ))}
            </Stack>
          </Group>
        ))}
        <Group gap={4}>
          {candidate.tags.map((tag) => (
            <Badge key={tag} variant="light">
              {tag}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Card>
  )
}

/**
 * A contact that opens where it belongs: the mail program, the phone, the system browser. In the desktop app
 * every such link goes through the window's open handler, which lets only mailto, tel and https out.
 */
function ContactValue({ kind, value }: { kind: 'emails' | 'phones' | 'links'; value: string }) {
  const href = contactHref(kind, value)
  const shown =
    kind === 'phones' ? (
      <PhoneText value={value} />
    ) : (
      <Text span size="sm" style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    )
  if (href === null) return shown
  const newWindow = transport === 'ipc' || href.startsWith('https:')
  return (
    <Anchor href={href} size="sm" target={newWindow ? '_blank' : undefined} rel="noopener noreferrer">
      {shown}
    </Anchor>
  )
}

function Duplicates({ candidate }: { candidate: CandidateDetailDto }) {
  const { t } = useTranslation(['candidates', 'common'])
  const merge = useApiMutation(api.candidates.merge, {
    invalidate: [candidateKeys.all, applicationKeys.all, applicationKeys.allStages],
  })
  if (candidate.duplicates.length === 0) return null
  const confirm = (mergeId: number, name: string) =>
    modals.openConfirmModal({
      title: t('merge.title', { name, into: candidate.name }),
      children: <Text size="sm">{t('merge.body', { name, into: candidate.name })}</Text>,
      labels: { confirm: t('merge.confirm'), cancel: t('common:actions.cancel') },
      onConfirm: () => merge.mutate({ keepId: candidate.id, mergeId }),
    })
  return (
    <Alert color="yellow" title={t('duplicates.title')}>
      <Stack gap="xs">
        {candidate.duplicates.map((match) => (
          <Group key={match.id} justify="space-between">
            <Anchor component={Link} href={`/candidates/${match.id}`}>
              {t('duplicates.match', {
                name: match.name,
                reasons: match.reasons.map((reason) => t(`duplicates.reasons.${reason}`)).join(', '),
              })}
            </Anchor>
            <Button size="xs" variant="default" onClick={() => confirm(match.id, match.name)} loading={merge.isPending}>
              {t('merge.action', { name: match.name })}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  )
}

function Documents({
  candidate,
  shown,
  onShow,
}: {
  candidate: CandidateDetailDto
  shown: number | null
  onShow: (id: number) => void
}) {
  const { t } = useTranslation('candidates')
  const [busy, setBusy] = useState(false)
  const [suggestions, setSuggestions] = useState<AttachResultDto['suggestions'] | null>(null)
  const attach = useApiMutation(api.candidates.attachDocument, { invalidate: [candidateKeys.all], quiet: true })
  const upload = async (files: File[]) => {
    setBusy(true)
    try {
      for (const file of files) {
        try {
          const result = await attach.mutateAsync({
            candidateId: candidate.id,
            fileName: file.name,
            contentBase64: await fileToBase64(file),
          })
          onShow(result.document.id)
          const found = result.suggestions
          if (found.name || found.emails.length || found.phones.length || found.links.length) setSuggestions(found)
        } catch (error) {
          notifyError(error)
        }
      }
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('documents.title')}</Text>
        {candidate.documents.map((doc) => (
          <DocumentLine key={doc.id} document={doc} selected={doc.id === shown} onShow={() => onShow(doc.id)} />
        ))}
        {candidate.privacy.erasedAt === null && (
          <Dropzone onDrop={(files) => void upload(files)} accept={RESUME_ACCEPT} loading={busy} multiple>
            <Group justify="center" gap="xs" mih={60}>
              <IconUpload size={20} />
              <Text size="sm">{t('documents.drop')}</Text>
            </Group>
          </Dropzone>
        )}
        {suggestions && (
          <Suggestions candidate={candidate} suggestions={suggestions} onDone={() => setSuggestions(null)} />
        )}
      </Stack>
    </Card>
  )
}

function DocumentLine({
  document,
  selected,
  onShow,
}: {
  document: DocumentDto
  selected: boolean
  onShow: () => void
}) {
  const { t } = useTranslation('candidates')
  const original = useApiMutation(api.candidates.documentFile, { onSuccess: downloadFile })
  return (
    <Paper withBorder p={6} bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
      <UnstyledButton
        onClick={onShow}
        style={{ width: '100%' }}
        aria-label={t('documents.show', { name: document.fileName })}
      >
        <Group gap="xs" wrap="nowrap">
          <IconFileText size={18} />
          <Text size="sm" truncate style={{ flex: 1 }}>
            {document.fileName}
          </Text>
          <Badge size="sm" color={document.status === 'failed' ? 'red' : 'green'} variant="light">
            {t(`documents.status.${document.status}`)}
          </Badge>
        </Group>
      </UnstyledButton>
      <Group justify="flex-end" mt={4}>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconDownload size={14} />}
          loading={original.isPending}
          aria-label={t('documents.original', { name: document.fileName })}
          onClick={() => original.mutate({ id: document.id })}
        >
          {t('documents.originalShort')}
        </Button>
      </Group>
      {document.error && (
        <Text size="xs" c="red" mt={4}>
          {document.error.message}
        </Text>
      )}
      {document.warnings.map((warning) => (
        <Text key={warning} size="xs" c="dimmed">
          {warning}
        </Text>
      ))}
    </Paper>
  )
}

/** What the document showed that the profile lacks; nothing is added until the user confirms. */
function Suggestions({
  candidate,
  suggestions,
  onDone,
}: {
  candidate: CandidateDetailDto
  suggestions: AttachResultDto['suggestions']
  onDone: () => void
}) {
  const { t } = useTranslation('candidates')
  const all = [
    ...suggestions.emails.map((value) => ({ kind: 'emails' as const, value })),
    ...suggestions.phones.map((value) => ({ kind: 'phones' as const, value })),
    ...suggestions.links.map((value) => ({ kind: 'links' as const, value })),
  ]
  const [chosen, setChosen] = useState(() => new Set(all.map((entry) => `${entry.kind}:${entry.value}`)))
  const [useName, setUseName] = useState(false)
  const update = useApiMutation(api.candidates.update, { invalidate: [candidateKeys.all], onSuccess: onDone })
  const pick = (kind: 'emails' | 'phones' | 'links') =>
    all.filter((entry) => entry.kind === kind && chosen.has(`${kind}:${entry.value}`)).map((entry) => entry.value)
  const apply = () =>
    update.mutate({
      id: candidate.id,
      name: useName && suggestions.name ? suggestions.name : candidate.name,
      emails: [...candidate.emails, ...pick('emails')],
      phones: [...candidate.phones, ...pick('phones')],
      links: [...candidate.links, ...pick('links')],
      tags: candidate.tags,
      location: candidate.location,
      source: candidate.source,
    })
  return (
    <Alert color="blue" title={t('suggestions.title')}>
      <Stack gap={4}>
        {suggestions.name && (
          <Checkbox
            label={t('suggestions.name', { name: suggestions.name })}
            checked={useName}
            onChange={(event) => setUseName(event.currentTarget.checked)}
          />
        )}
        {all.map((entry) => {
          const key = `${entry.kind}:${entry.value}`
          return (
            <Checkbox
              key={key}
              label={entry.kind === 'phones' ? <PhoneText value={entry.value} /> : entry.value}
              checked={chosen.has(key)}
              onChange={(event) => {
                const next = new Set(chosen)
                if (event.currentTarget.checked) next.add(key)
                else next.delete(key)
                setChosen(next)
              }}
            />
          )
        })}
        <Group mt="xs">
          <Button size="xs" onClick={apply} loading={update.isPending}>
            {t('suggestions.apply')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('suggestions.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}

function DocumentText({ documentId, documents }: { documentId: number | null; documents: DocumentDto[] }) {
  const { t } = useTranslation('candidates')
  const text = useDocumentText(documentId)
  const document = documents.find((doc) => doc.id === documentId)
  return (
    <Card withBorder h="100%">
      <Text fw={600} mb="xs">
        {document ? document.fileName : t('documents.textTitle')}
      </Text>
      {documentId === null ? (
        <Text c="dimmed" size="sm">
          {t('documents.none')}
        </Text>
      ) : (
        <ScrollArea h="calc(100vh - 260px)">
          {/* Extracted text is shown as text: the document's content can never become markup. */}
          <Text
            component="pre"
            size="sm"
            style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}
            aria-label={t('documents.textTitle')}
          >
            {text.data?.text || (document?.status === 'failed' ? document.error?.message : '')}
          </Text>
        </ScrollArea>
      )}
    </Card>
  )
}

function Notes({ candidate }: { candidate: CandidateDetailDto }) {
  const { t } = useTranslation(['candidates', 'common'])
  const [body, setBody] = useState('')
  const add = useApiMutation(api.candidates.addNote, {
    invalidate: [candidateKeys.all],
    onSuccess: () => setBody(''),
  })
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('notes.title')}</Text>
        {candidate.notes.map((note) => (
          <NoteItem key={note.id} note={note} />
        ))}
        {candidate.privacy.erasedAt === null && (
          <>
            <Textarea
              aria-label={t('notes.new')}
              placeholder={t('notes.new')}
              autosize
              minRows={2}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                disabled={!body.trim()}
                loading={add.isPending}
                onClick={() => add.mutate({ candidateId: candidate.id, body })}
              >
                {t('notes.add')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  )
}

function NoteItem({ note }: { note: NoteDto }) {
  const { t } = useTranslation(['candidates', 'common'])
  const [editing, setEditing] = useState<string | null>(null)
  const save = useApiMutation(api.candidates.updateNote, {
    invalidate: [candidateKeys.all],
    onSuccess: () => setEditing(null),
  })
  return (
    <Paper withBorder p="xs">
      {editing === null ? (
        <>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {note.body}
          </Text>
          <Group justify="space-between" mt={4}>
            <Text size="xs" c="dimmed">
              {[note.author, formatWhen(note.createdAt)].filter(Boolean).join(' · ')}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(note.body)}>
              {t('notes.edit')}
            </Button>
          </Group>
        </>
      ) : (
        <Stack gap={4}>
          <Textarea
            aria-label={t('notes.edit')}
            autosize
            value={editing}
            onChange={(event) => setEditing(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button size="compact-xs" variant="default" onClick={() => setEditing(null)}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              size="compact-xs"
              onClick={() => save.mutate({ id: note.id, body: editing })}
              loading={save.isPending}
            >
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  )
}

function Activity({ candidate }: { candidate: CandidateDetailDto }) {
  const { t } = useTranslation('candidates')
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('activity.title')}
      </Text>
      <Timeline bulletSize={12} lineWidth={2} aria-label={t('activity.title')}>
        {candidate.activity.map((entry) => (
          <Timeline.Item
            key={entry.id}
            title={t(`activity.actions.${entry.action}`, { defaultValue: entry.action, ...entry.detail })}
          >
            <Text size="xs" c="dimmed">
              {[entry.person, formatWhen(entry.at)].filter(Boolean).join(' · ')}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  )
}
