import type { ExternalInterviewDto, ScorecardContentDto } from '@contract'
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { IconFileDownload, IconPrinter, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { api } from '../../api/client'
import { call, notifyError, useApiMutation } from '../../api/query'
import { downloadFile } from '../../components/files'
import { AutosaveStatus } from './AutosaveStatus'
import { BriefPanel, BriefTitle } from './BriefPanel'
import { formatWhen } from '../../i18n/format'
import { interviewKeys, useExternalInterview } from './interview-queries'
import { kitLanguage } from './kit-language'
import { ScorecardForm } from './ScorecardForm'
import { useAutosave } from './use-autosave'

/** A scorecard filled from a packet of another workspace, exported as a file for its hiring team. */
export function ExternalInterviewPage({ id }: { id: number }) {
  const external = useExternalInterview(id)
  if (external.isPending) return <Loader />
  if (external.isError) return <Alert color="red">{external.error.message}</Alert>
  return <ExternalScorecard interview={external.data} />
}

function ExternalScorecard({ interview }: { interview: ExternalInterviewDto }) {
  const { t, i18n } = useTranslation(['interviews', 'common'])
  const client = useQueryClient()
  const [, navigate] = useLocation()
  const [content, setContent] = useState<ScorecardContentDto>(interview.content)
  const [exporting, setExporting] = useState(false)
  const autosave = useAutosave(async (value: ScorecardContentDto) => {
    const saved = await call(api.scorecards.saveExternal({ id: interview.id, content: value }))
    client.setQueryData(interviewKeys.externalOne(interview.id), saved)
  })
  const remove = useApiMutation(api.scorecards.removeExternal, {
    invalidate: [interviewKeys.external],
    onSuccess: () => navigate('/my-interviews'),
  })
  const change = (next: ScorecardContentDto) => {
    setContent(next)
    autosave.schedule(next)
  }
  const exportFile = async () => {
    setExporting(true)
    try {
      if (!(await autosave.flush())) return
      downloadFile(await call(api.scorecards.exportExternal({ id: interview.id })))
      await client.invalidateQueries({ queryKey: interviewKeys.external })
      notifications.show({ color: 'green', message: t('external.exported') })
    } catch (error) {
      notifyError(error)
    } finally {
      setExporting(false)
    }
  }
  const printKit = async () => {
    try {
      downloadFile(await call(api.scorecards.externalKit({ id: interview.id, language: kitLanguage(i18n.language) })))
    } catch (error) {
      notifyError(error)
    }
  }
  const confirmRemove = () =>
    modals.openConfirmModal({
      title: t('external.removeTitle'),
      children: <Text size="sm">{t('external.removeBody')}</Text>,
      labels: { confirm: t('common:actions.remove'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: interview.id }),
    })
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <BriefTitle brief={interview.brief} />
          <Text size="sm" c="dimmed">
            {t('external.from', { workspace: interview.sourceWorkspaceName })}
            {interview.exportedAt &&
              ` · ${t('external.lastExport', { revision: interview.revision, when: formatWhen(interview.exportedAt, i18n.language) })}`}
          </Text>
        </div>
        <Group>
          <AutosaveStatus state={autosave.state} />
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => void printKit()}>
            {t('kit.print')}
          </Button>
          <Button leftSection={<IconFileDownload size={16} />} loading={exporting} onClick={() => void exportFile()}>
            {t('external.export')}
          </Button>
          <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={confirmRemove}>
            {t('external.remove')}
          </Button>
        </Group>
      </Group>
      <Alert color="blue" variant="light">
        {t('external.help')}
      </Alert>
      <BriefPanel brief={interview.brief} />
      <ScorecardForm focusItems={interview.brief.focusItems} content={content} readOnly={false} onChange={change} />
    </Stack>
  )
}
