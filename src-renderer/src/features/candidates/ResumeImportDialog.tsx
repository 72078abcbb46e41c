import type { ResumeImportResultDto } from '@contract'
import { Anchor, Button, Group, Progress, ScrollArea, Select, Stack, Text } from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import { useQueryClient } from '@tanstack/react-query'
import { IconUpload } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { call } from '../../api/query'
import { fileToBase64 } from '../../components/files'
import { applicationKeys } from '../applications/application-queries'
import { usePostings } from '../postings/posting-queries'
import { ConsentFields, defaultConsent, toConsentInput, type ConsentValues } from '../privacy/ConsentFields'
import { candidateKeys } from './candidate-queries'
import { RESUME_ACCEPT } from './CandidatePage'

interface Outcome {
  file: string
  result: ResumeImportResultDto | null
  error: string | null
}

const RESUME_NAME = /\.(pdf|docx|txt|text|md|markdown)$/i

/**
 * One candidate per résumé: files are sent one at a time (each is read off the main thread over there),
 * so memory stays small for a folder of hundreds and the user can stop between two files. With a posting
 * (given, or chosen here), each candidate also applies to it.
 */
export function ResumeImportDialog({ onOpen, postingId }: { onOpen: (id: number) => void; postingId?: number }) {
  const { t } = useTranslation('candidates')
  const client = useQueryClient()
  const postings = usePostings({})
  const [chosen, setChosen] = useState<string | null>(null)
  const target = postingId ?? (chosen ? Number(chosen) : undefined)
  const [consent, setConsent] = useState<ConsentValues>(defaultConsent())
  const [total, setTotal] = useState(0)
  const [outcomes, setOutcomes] = useState<Outcome[]>([])
  const [running, setRunning] = useState(false)
  const stop = useRef(false)
  const folder = useRef<HTMLInputElement>(null)

  const run = async (files: File[]) => {
    const resumes = files.filter((file) => RESUME_NAME.test(file.name))
    stop.current = false
    setRunning(true)
    setTotal(resumes.length)
    setOutcomes([])
    for (const file of resumes) {
      if (stop.current) break
      let outcome: Outcome
      try {
        const result = await call(
          api.candidates.importResume({
            fileName: file.name,
            contentBase64: await fileToBase64(file),
            ...(target === undefined ? {} : { postingId: target }),
            consent: toConsentInput(consent),
          }),
        )
        outcome = { file: file.name, result, error: null }
      } catch (error) {
        outcome = { file: file.name, result: null, error: error instanceof Error ? error.message : String(error) }
      }
      setOutcomes((previous) => [...previous, outcome])
    }
    setRunning(false)
    await client.invalidateQueries({ queryKey: candidateKeys.all })
    await client.invalidateQueries({ queryKey: applicationKeys.all })
    await client.invalidateQueries({ queryKey: applicationKeys.allStages })
  }

  return (
    <Stack>
      {postingId === undefined && (
        <Select
          label={t('resumes.posting')}
          placeholder={t('resumes.noPosting')}
          data={(postings.data ?? [])
            .filter((posting) => posting.status !== 'closed')
            .map((posting) => ({ value: String(posting.id), label: posting.title }))}
          value={chosen}
          onChange={setChosen}
          clearable
          searchable
          disabled={running}
        />
      )}
      <ConsentFields value={consent} onChange={setConsent} compact disabled={running} />
      <Dropzone onDrop={(files) => void run(files)} accept={RESUME_ACCEPT} multiple disabled={running}>
        <Group justify="center" gap="xs" mih={90}>
          <IconUpload size={22} />
          <Text size="sm">{t('resumes.drop')}</Text>
        </Group>
      </Dropzone>
      <Group>
        <Button variant="default" size="xs" onClick={() => folder.current?.click()} disabled={running}>
          {t('resumes.folder')}
        </Button>
        <input
          ref={folder}
          type="file"
          hidden
          multiple
          {...{ webkitdirectory: '' }}
          onChange={(event) => void run([...(event.currentTarget.files ?? [])])}
        />
      </Group>
      {total > 0 && (
        <Stack gap={4}>
          <Progress value={(outcomes.length / total) * 100} aria-label={t('resumes.progress')} animated={running} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('resumes.count', { done: outcomes.length, total })}
            </Text>
            {running && (
              <Button size="xs" variant="default" onClick={() => (stop.current = true)}>
                {t('resumes.stop')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
      <ScrollArea.Autosize mah={260}>
        <Stack gap={4} aria-label={t('resumes.results')}>
          {outcomes.map((outcome) => (
            <Text key={outcome.file} size="sm" c={outcome.error ? 'red' : undefined}>
              {outcome.file}:{' '}
              {outcome.result ? (
                <Anchor size="sm" onClick={() => outcome.result && onOpen(outcome.result.candidateId)}>
                  {t(`resumes.outcome.${outcome.result.outcome}`, { name: outcome.result.candidateName })}
                </Anchor>
              ) : (
                outcome.error
              )}
              {outcome.result?.document.error && ` — ${outcome.result.document.error.message}`}
              {outcome.result?.application &&
                ` — ${t(outcome.result.application.added ? 'resumes.applied' : 'resumes.alreadyApplied')}`}
            </Text>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  )
}
