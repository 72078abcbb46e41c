import type { FocusItemDto, ScorecardContentDto, ScorecardDto, ScorecardPageDto, ScorecardState } from '@contract'
import { Accordion, Alert, Badge, Button, Group, Loader, Stack, Switch, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useQueryClient } from '@tanstack/react-query'
import { IconLock, IconPackageExport, IconPencil, IconPrinter } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { call, notifyError, useApiMutation } from '../../api/query'
import { downloadFile } from '../../components/files'
import { AutosaveStatus } from './AutosaveStatus'
import { BriefPanel, BriefTitle } from './BriefPanel'
import { formatWhen } from '../../i18n/format'
import { interviewKeys, useScorecardPage } from './interview-queries'
import { kitLanguage } from './kit-language'
import { ScorecardForm } from './ScorecardForm'
import { ScorecardStateBadge } from './ScorecardStateBadge'
import { useAutosave } from './use-autosave'

const emptyContent = (focus: FocusItemDto[]): ScorecardContentDto => ({
  ratings: focus.map((item) => ({ key: item.key, rating: null, note: '' })),
  keyTakeaways: '',
  recommendation: null,
})

/** One interview's scorecard: written by its interviewer, read by others once they have submitted their own. */
export function ScorecardPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation('interviews')
  const [reveal, setReveal] = useState(false)
  // The first autosave makes a draft: the badge says so at once, without reloading the form being typed in.
  const [savedState, setSavedState] = useState<ScorecardState | null>(null)
  const page = useScorecardPage(id, reveal)
  if (page.isPending) return <Loader />
  if (page.isError) return <Alert color="red">{page.error.message}</Alert>
  const data = page.data
  const download = async (request: () => Promise<Parameters<typeof downloadFile>[0]>) => {
    try {
      downloadFile(await request())
    } catch (error) {
      notifyError(error)
    }
  }
  const latest = data.versions[0]
  const state = savedState ?? data.interview.scorecardState
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <BriefTitle brief={data.brief} />
            <ScorecardStateBadge state={state} />
          </Group>
          <Text size="sm" c="dimmed">
            <Link href={`/applications/${data.interview.applicationId}/interviews`}>
              {t('scorecard.backToApplication')}
            </Link>
          </Text>
        </div>
        <Group>
          <Button
            variant="default"
            leftSection={<IconPrinter size={16} />}
            onClick={() => void download(() => call(api.interviews.kit({ id, language: kitLanguage(i18n.language) })))}
          >
            {t('kit.print')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconPackageExport size={16} />}
            onClick={() => void download(() => call(api.interviews.packet({ id })))}
          >
            {t('packet.export')}
          </Button>
        </Group>
      </Group>
      <BriefPanel brief={data.brief} />
      {data.mine ? (
        <OwnScorecard
          key={latest ? `${latest.id}:${latest.status}` : 'new'}
          page={data}
          onSaved={(saved) => setSavedState(saved)}
        />
      ) : (
        <OthersScorecard page={data} reveal={reveal} onReveal={setReveal} />
      )}
    </Stack>
  )
}

function OwnScorecard({ page, onSaved }: { page: ScorecardPageDto; onSaved: (state: ScorecardState | null) => void }) {
  const { t } = useTranslation(['interviews', 'common'])
  const client = useQueryClient()
  const interviewId = page.interview.id
  const [latest, ...older] = page.versions
  const editable = !latest || latest.status === 'draft'
  const [content, setContent] = useState<ScorecardContentDto>(latest?.content ?? emptyContent(page.brief.focusItems))
  const [busy, setBusy] = useState(false)
  const autosave = useAutosave(async (value: ScorecardContentDto) => {
    const saved = await call(api.scorecards.saveDraft({ interviewId, content: value }))
    onSaved(saved.version > 1 ? 'amending' : 'draft')
    return saved
  })
  const refresh = () => client.invalidateQueries({ queryKey: interviewKeys.all })
  const amend = useApiMutation(api.scorecards.amend, { onSuccess: () => void refresh() })
  const discard = useApiMutation(api.scorecards.discardAmendment, { onSuccess: () => void refresh() })
  const change = (next: ScorecardContentDto) => {
    setContent(next)
    autosave.schedule(next)
  }
  const submit = () =>
    modals.openConfirmModal({
      title: t('scorecard.submitTitle'),
      children: <Text size="sm">{t('scorecard.submitBody')}</Text>,
      labels: { confirm: t('scorecard.submit'), cancel: t('common:actions.cancel') },
      onConfirm: () => {
        setBusy(true)
        void autosave
          .flush()
          .then(() => call(api.scorecards.submit({ interviewId, content })))
          .then(() => {
            onSaved(null)
            return refresh()
          }, notifyError)
          .finally(() => setBusy(false))
      },
    })
  return (
    <Stack>
      <Group justify="space-between">
        {editable ? (
          <Text size="sm" c="dimmed">
            {latest && latest.version > 1
              ? t('scorecard.amending', { version: latest.version })
              : t('scorecard.draftHelp')}
          </Text>
        ) : (
          <Group gap="xs">
            <IconLock size={16} />
            <Text size="sm">{t('scorecard.locked', { version: latest.version })}</Text>
          </Group>
        )}
        <Group>
          <AutosaveStatus state={autosave.state} />
          {editable && latest && latest.version > 1 && (
            <Button variant="subtle" color="red" onClick={() => discard.mutate({ interviewId })}>
              {t('scorecard.discardAmendment')}
            </Button>
          )}
          {editable ? (
            <Button onClick={submit} loading={busy} disabled={content.recommendation === null}>
              {t('scorecard.submit')}
            </Button>
          ) : (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              loading={amend.isPending}
              onClick={() => amend.mutate({ interviewId })}
            >
              {t('scorecard.amend')}
            </Button>
          )}
        </Group>
      </Group>
      <ScorecardForm
        focusItems={page.brief.focusItems}
        content={content}
        readOnly={!editable}
        onChange={change}
        footer={
          editable && (
            <Group justify="flex-end">
              <Button onClick={submit} loading={busy} disabled={content.recommendation === null}>
                {t('scorecard.submitEnd')}
              </Button>
            </Group>
          )
        }
      />
      <OlderVersions versions={older} focus={page.brief.focusItems} />
    </Stack>
  )
}

function OthersScorecard({
  page,
  reveal,
  onReveal,
}: {
  page: ScorecardPageDto
  reveal: boolean
  onReveal: (reveal: boolean) => void
}) {
  const { t } = useTranslation('interviews')
  const [latest, ...older] = page.versions
  return (
    <Stack>
      {page.canReveal && (
        <Switch
          label={t('debrief.reveal')}
          description={t('debrief.revealHelp')}
          checked={reveal}
          onChange={(event) => onReveal(event.currentTarget.checked)}
        />
      )}
      {page.hidden ? (
        <Alert color="gray" title={t('scorecard.hiddenTitle')}>
          {t('scorecard.hidden', { name: page.interview.interviewerName })}
        </Alert>
      ) : latest ? (
        <>
          <VersionHeader version={latest} />
          <ScorecardForm
            focusItems={page.brief.focusItems}
            content={latest.content}
            readOnly
            onChange={() => undefined}
          />
          <OlderVersions versions={older} focus={page.brief.focusItems} />
        </>
      ) : (
        <Text c="dimmed">{t('scorecard.notSubmitted', { name: page.interview.interviewerName })}</Text>
      )}
    </Stack>
  )
}

function VersionHeader({ version }: { version: ScorecardDto }) {
  const { t, i18n } = useTranslation('interviews')
  return (
    <Group gap="xs">
      <Badge variant="outline">{t('versions.label', { version: version.version })}</Badge>
      {version.source === 'imported' && (
        <Badge variant="light" color="grape">
          {t('versions.importedRevision', { revision: version.externalRevision ?? 1 })}
        </Badge>
      )}
      {version.submittedAt && (
        <Text size="sm" c="dimmed">
          {t('versions.submitted', {
            name: version.authorName ?? '',
            when: formatWhen(version.submittedAt, i18n.language),
          })}
        </Text>
      )}
    </Group>
  )
}

/** Earlier submitted versions stay readable: an amendment never erases what was first written. */
function OlderVersions({ versions, focus }: { versions: ScorecardDto[]; focus: FocusItemDto[] }) {
  const { t } = useTranslation('interviews')
  if (versions.length === 0) return null
  return (
    <Accordion variant="contained" aria-label={t('versions.earlier')}>
      {versions.map((version) => (
        <Accordion.Item key={version.id} value={String(version.id)}>
          <Accordion.Control>
            <VersionHeader version={version} />
          </Accordion.Control>
          <Accordion.Panel>
            <ScorecardForm focusItems={focus} content={version.content} readOnly onChange={() => undefined} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  )
}
