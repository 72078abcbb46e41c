import type { ExportFileDto, ExportFormat, JobDto, Result } from '@contract'
import { Button, Group, Stack, Text } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useJob } from '../../api/jobs'
import { notifyError, useApiMutation } from '../../api/query'
import { JobProgress } from '../../components/JobProgress'
import { downloadExport } from './download-export'
import { exportFormats } from '@contract/closed-lists'

const isExportFile = (value: unknown): value is ExportFileDto =>
  typeof value === 'object' && value !== null && 'exportId' in value && 'fileName' in value

interface ExportButtonsProps {
  /** Starts the export job for a format. */
  start: (format: ExportFormat) => Promise<Result<JobDto>>
  disabled?: boolean
  formats?: readonly ExportFormat[]
  /** What is exported: a report (the default), a candidate packet or a comparison. */
  what?: 'report' | 'packet' | 'heatmap'
}

/** Export buttons with the job's progress and cancel; the finished file is downloaded once, by chunks. */
export function ExportButtons({ start, disabled, formats = exportFormats, what = 'report' }: ExportButtonsProps) {
  const { t } = useTranslation(['reports', 'common'])
  const [jobId, setJobId] = useState<string | null>(null)
  const [format, setFormat] = useState<ExportFormat | null>(null)
  const [downloading, setDownloading] = useState(false)
  const downloaded = useRef<string | null>(null)
  const job = useJob(jobId)
  const begin = useApiMutation(start, {
    onSuccess: (started) => {
      downloaded.current = null
      setJobId(started.id)
    },
  })
  const file = job.data?.status === 'succeeded' && isExportFile(job.data.result) ? job.data.result : null

  const fetchFile = useCallback((target: ExportFileDto) => {
    setDownloading(true)
    downloadExport(target)
      .catch(notifyError)
      .finally(() => setDownloading(false))
  }, [])

  useEffect(() => {
    if (file && downloaded.current !== file.exportId) {
      downloaded.current = file.exportId
      fetchFile(file)
    }
  }, [file, fetchFile])

  const running = begin.isPending || job.data?.status === 'running'
  return (
    <Stack gap="xs" miw={260}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t(`export.what.${what}`)}
        </Text>
        {formats.map((candidate) => (
          <Button
            key={candidate}
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            disabled={disabled || running}
            loading={running && format === candidate}
            onClick={() => {
              setFormat(candidate)
              begin.mutate(candidate)
            }}
          >
            {t(`export.${candidate}`)}
          </Button>
        ))}
      </Group>
      {job.data && job.data.status !== 'succeeded' && <JobProgress job={job.data} />}
      {file && (
        <Group gap="xs">
          <Text size="sm" c="dimmed" role="status">
            {downloading ? t('export.downloading') : t('export.done', { fileName: file.fileName, rows: file.rows })}
          </Text>
          {!downloading && (
            <Button size="compact-xs" variant="subtle" onClick={() => fetchFile(file)}>
              {t('export.again')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  )
}
