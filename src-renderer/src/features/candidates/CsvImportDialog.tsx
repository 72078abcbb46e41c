import type { CsvImportResultDto, CsvPreviewDto, ImportMode, TextEncodingName } from '@contract'
import { Alert, Button, FileButton, Group, Radio, ScrollArea, Select, Stack, Table, Text } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useJob } from '../../api/jobs'
import { useApiMutation } from '../../api/query'
import { fileToBase64 } from '../../components/files'
import { JobProgress } from '../../components/JobProgress'
import { candidateKeys } from './candidate-queries'
import { csvFields, textEncodings } from '@contract/closed-lists'

const IGNORE = '-'
/** Every encoding the contract accepts, with how people know it; the Record keeps the list complete. */
const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'iso-8859-15': 'ISO-8859-15 (Latin-9)',
  'windows-1250': 'Windows-1250 (Central European)',
  'iso-8859-2': 'ISO-8859-2 (Latin-2)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'koi8-r': 'KOI8-R (Cyrillic)',
  'windows-1253': 'Windows-1253 (Greek)',
  'windows-1254': 'Windows-1254 (Turkish)',
  'iso-8859-9': 'ISO-8859-9 (Turkish)',
  'windows-1257': 'Windows-1257 (Baltic)',
  macintosh: 'Mac OS Roman',
  shift_jis: 'Shift_JIS (Japanese)',
  'euc-jp': 'EUC-JP (Japanese)',
  gb18030: 'GB18030 (Chinese)',
  big5: 'Big5 (Chinese)',
  'euc-kr': 'EUC-KR (Korean)',
}

/** Pick a CSV, confirm how its columns map to fields, see the first rows with their problems, import as a job. */
export function CsvImportDialog() {
  const { t } = useTranslation(['candidates', 'common'])
  const client = useQueryClient()
  const [preview, setPreview] = useState<CsvPreviewDto | null>(null)
  const [mode, setMode] = useState<ImportMode>('all_or_nothing')
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJob(jobId)
  const upload = useApiMutation(api.candidates.csvUpload, { onSuccess: setPreview })
  const remap = useApiMutation(api.candidates.csvPreview, { onSuccess: setPreview })
  const start = useApiMutation(api.candidates.csvImport, { onSuccess: (started) => setJobId(started.id) })
  const pick = async (file: File | null) => {
    if (file) upload.mutate({ fileName: file.name, contentBase64: await fileToBase64(file) })
  }
  const setField = (index: number, value: string | null) => {
    if (!preview) return
    const mapping = preview.mapping.map((field, at) =>
      at === index ? (csvFields.find((known) => known === value) ?? null) : field,
    )
    remap.mutate({ uploadId: preview.uploadId, mapping, encoding: preview.encoding })
  }
  const setEncoding = (value: string | null) => {
    const encoding = textEncodings.find((known) => known === value)
    // The header may read differently in another encoding: the mapping is suggested again.
    if (preview && encoding) remap.mutate({ uploadId: preview.uploadId, mapping: [], encoding })
  }
  const status = job.data?.status
  useEffect(() => {
    // Even a cancelled skip-invalid import may have saved its first batches.
    if (status && status !== 'running') void client.invalidateQueries({ queryKey: candidateKeys.all })
  }, [status, client])
  const result = job.data?.status === 'succeeded' ? (job.data.result as CsvImportResultDto) : null

  return (
    <Stack>
      <Group>
        <FileButton onChange={(file) => void pick(file)} accept=".csv,text/csv">
          {(props) => (
            <Button {...props} variant="default" loading={upload.isPending}>
              {preview ? t('csv.another') : t('csv.choose')}
            </Button>
          )}
        </FileButton>
        {preview && (
          <Text size="sm" c="dimmed">
            {t('csv.summary', { name: preview.fileName, count: preview.rowCount })}
          </Text>
        )}
        {preview && !jobId && (
          <Select
            size="xs"
            ml="auto"
            w={280}
            label={t('csv.encoding')}
            aria-label={t('csv.encoding')}
            data={textEncodings.map((encoding) => ({
              value: encoding,
              label:
                encoding === preview.detectedEncoding
                  ? t('csv.encodingDetected', { encoding: ENCODING_LABELS[encoding] })
                  : ENCODING_LABELS[encoding],
            }))}
            value={preview.encoding}
            onChange={setEncoding}
            allowDeselect={false}
            searchable
          />
        )}
      </Group>
      {preview && !jobId && (
        <>
          <Text size="sm">{t('csv.mappingHint')}</Text>
          <ScrollArea>
            <Table withTableBorder withColumnBorders fz="xs" aria-label={t('csv.previewLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('csv.line')}</Table.Th>
                  {preview.headers.map((header, index) => (
                    <Table.Th key={index} miw={140}>
                      <Text fz="xs" fw={600}>
                        {header}
                      </Text>
                      <Select
                        size="xs"
                        aria-label={t('csv.fieldFor', { header })}
                        data={[
                          { value: IGNORE, label: t('csv.ignore') },
                          ...csvFields.map((field) => ({ value: field, label: t(`csv.fields.${field}`) })),
                        ]}
                        value={preview.mapping[index] ?? IGNORE}
                        onChange={(value) => setField(index, value)}
                        allowDeselect={false}
                      />
                    </Table.Th>
                  ))}
                  <Table.Th miw={220} style={{ position: 'sticky', right: 0, background: 'var(--mantine-color-body)' }}>
                    {t('csv.problems')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row) => (
                  <Table.Tr
                    key={row.line}
                    bg={
                      row.errors.length
                        ? 'var(--mantine-color-red-light)'
                        : row.known
                          ? 'var(--mantine-color-yellow-light)'
                          : undefined
                    }
                  >
                    <Table.Td>{row.line}</Table.Td>
                    {preview.headers.map((_, index) => (
                      <Table.Td key={index}>{row.values[index] ?? ''}</Table.Td>
                    ))}
                    <Table.Td
                      miw={220}
                      style={{ position: 'sticky', right: 0, background: 'var(--mantine-color-body)' }}
                    >
                      {[
                        ...row.errors,
                        ...(row.known ? [t('csv.knownAs', { name: row.known.name, id: row.known.candidateId })] : []),
                      ].join('; ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Radio.Group
            label={t('csv.mode')}
            value={mode}
            onChange={(value) => setMode(value === 'skip_invalid' ? 'skip_invalid' : 'all_or_nothing')}
          >
            <Stack gap={4} mt={4}>
              <Radio value="all_or_nothing" label={t('csv.modes.all_or_nothing')} />
              <Radio value="skip_invalid" label={t('csv.modes.skip_invalid')} />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end">
            <Button
              onClick={() =>
                start.mutate({
                  uploadId: preview.uploadId,
                  mapping: preview.mapping,
                  mode,
                  rowCount: preview.rowCount,
                  fileName: preview.fileName,
                  encoding: preview.encoding,
                })
              }
              loading={start.isPending}
            >
              {t('csv.import', { count: preview.rowCount })}
            </Button>
          </Group>
        </>
      )}
      {job.data && <JobProgress job={job.data} />}
      {job.data?.status === 'failed' && job.data.error?.issues && (
        <ScrollArea h={160}>
          {job.data.error.issues.map((issue, index) => (
            <Text key={index} size="xs">
              {issue.path}: {issue.message}
            </Text>
          ))}
        </ScrollArea>
      )}
      {preview && job.data && job.data.status !== 'running' && job.data.status !== 'succeeded' && (
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              setMode(mode === 'all_or_nothing' ? 'skip_invalid' : 'all_or_nothing')
              setJobId(null)
            }}
          >
            {t('csv.retry')}
          </Button>
        </Group>
      )}
      {result && (
        <Alert color="green" title={t('csv.done')}>
          {t('csv.result', { created: result.created, existing: result.existing, skipped: result.skipped })}
          {result.known.length > 0 && (
            <Text size="xs" mt={4}>
              {t('csv.knownRows', {
                list: result.known.map((entry) => t('csv.knownRow', { line: entry.line, name: entry.name })).join(', '),
              })}
            </Text>
          )}
          {result.errors.map((issue, index) => (
            <Text key={index} size="xs">
              {issue.path}: {issue.message}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  )
}
