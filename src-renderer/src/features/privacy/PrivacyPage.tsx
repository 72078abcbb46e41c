import type { RetentionEntryDto, RetentionPolicyDto } from '@contract'
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { formatDate } from '../../i18n/format'
import { candidateKeys } from '../candidates/candidate-queries'
import { privacyKeys, useBackups, usePolicy, useRetention } from './privacy-queries'

const EXTEND_MONTHS = 6

/** Who is past the retention period, why, and the actions on them: anonymise (after confirmation) or extend. */
export function PrivacyPage() {
  const { t } = useTranslation('privacy')
  const retention = useRetention()
  const [selected, setSelected] = useState<number[]>([])
  const anonymise = useApiMutation(api.privacy.anonymise, {
    invalidate: [privacyKeys.all, candidateKeys.all],
    onSuccess: (results) => {
      setSelected([])
      notifications.show({ color: 'green', message: t('done', { count: results.length }) })
    },
  })
  const extend = useApiMutation(api.privacy.extend, {
    invalidate: [privacyKeys.all],
    onSuccess: (result) => {
      setSelected([])
      notifications.show({ message: t('actions.extended', { date: formatDate(result.until) }) })
    },
  })
  const confirmAnonymise = (ids: number[]) =>
    modals.openConfirmModal({
      title: t('confirm.title', { count: ids.length }),
      children: <Text size="sm">{t('confirm.body')}</Text>,
      labels: { confirm: t('confirm.ok'), cancel: t('confirm.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => anonymise.mutate({ ids, confirm: true }),
    })

  if (retention.isPending) return <Loader />
  if (retention.isError) return <Alert color="red">{retention.error.message}</Alert>
  const entries = retention.data.entries
  const toggle = (id: number, on: boolean) =>
    setSelected((previous) => (on ? [...previous, id] : previous.filter((entry) => entry !== id)))

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed" size="sm">
        {t('intro')}
      </Text>
      <Card withBorder>
        <Stack>
          <Group justify="space-between">
            <Title order={4}>{t('list.title')}</Title>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                disabled={selected.length === 0}
                onClick={() => extend.mutate({ ids: selected, months: EXTEND_MONTHS })}
              >
                {t('actions.extendSelected', { count: selected.length })}
              </Button>
              <Button size="xs" color="red" disabled={selected.length === 0} onClick={() => confirmAnonymise(selected)}>
                {t('actions.anonymiseSelected', { count: selected.length })}
              </Button>
            </Group>
          </Group>
          {entries.length === 0 ? (
            <Text c="dimmed">{t('list.empty')}</Text>
          ) : (
            <Table highlightOnHover aria-label={t('list.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <Checkbox
                      aria-label={t('list.selectAll')}
                      checked={selected.length === entries.length}
                      indeterminate={selected.length > 0 && selected.length < entries.length}
                      onChange={(event) =>
                        setSelected(event.currentTarget.checked ? entries.map((entry) => entry.candidateId) : [])
                      }
                    />
                  </Table.Th>
                  <Table.Th>{t('list.name')}</Table.Th>
                  <Table.Th>{t('list.state')}</Table.Th>
                  <Table.Th>{t('list.reason')}</Table.Th>
                  <Table.Th>{t('list.ended')}</Table.Th>
                  <Table.Th>{t('list.graceEnds')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <RetentionRow
                    key={entry.candidateId}
                    entry={entry}
                    checked={selected.includes(entry.candidateId)}
                    onCheck={(on) => toggle(entry.candidateId, on)}
                    onAnonymise={() => confirmAnonymise([entry.candidateId])}
                    onExtend={() => extend.mutate({ ids: [entry.candidateId], months: EXTEND_MONTHS })}
                  />
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>
      <PolicyCard />
      <BackupsCard />
    </Stack>
  )
}

function RetentionRow({
  entry,
  checked,
  onCheck,
  onAnonymise,
  onExtend,
}: {
  entry: RetentionEntryDto
  checked: boolean
  onCheck: (on: boolean) => void
  onAnonymise: () => void
  onExtend: () => void
}) {
  const { t } = useTranslation('privacy')
  return (
    <Table.Tr>
      <Table.Td>
        <Checkbox
          aria-label={t('list.select', { name: entry.name })}
          checked={checked}
          onChange={(event) => onCheck(event.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} href={`/candidates/${entry.candidateId}`}>
          {entry.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Badge color={entry.state === 'due' ? 'red' : 'yellow'} variant="light">
          {t(`state.${entry.state}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{t(`reason.${entry.reason}`, { date: formatDate(entry.lastActivityAt) })}</Table.Td>
      <Table.Td>{formatDate(entry.retentionEndedOn)}</Table.Td>
      <Table.Td>{formatDate(entry.graceEndsOn)}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="compact-xs" variant="default" onClick={onExtend}>
            {t('actions.extend')}
          </Button>
          <Button size="compact-xs" color="red" variant="light" onClick={onAnonymise}>
            {t('actions.anonymise')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

function PolicyCard() {
  const policy = usePolicy()
  if (!policy.data) return null
  return <PolicyForm key={JSON.stringify(policy.data)} initial={policy.data} />
}

function PolicyForm({ initial }: { initial: RetentionPolicyDto }) {
  const { t } = useTranslation('privacy')
  const [value, setValue] = useState(initial)
  const save = useApiMutation(api.privacy.setPolicy, {
    invalidate: [privacyKeys.all],
    onSuccess: () => notifications.show({ message: t('policy.saved') }),
  })
  const months = (basis: keyof RetentionPolicyDto['months'], raw: number | string) =>
    setValue({ ...value, months: { ...value.months, [basis]: Number(raw) || 1 } })
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('policy.title')}</Title>
        <Group grow>
          <NumberInput
            label={t('policy.consent')}
            min={1}
            max={120}
            value={value.months.consent}
            onChange={(raw) => months('consent', raw)}
          />
          <NumberInput
            label={t('policy.legitimate_interest')}
            min={1}
            max={120}
            value={value.months.legitimate_interest}
            onChange={(raw) => months('legitimate_interest', raw)}
          />
          <NumberInput
            label={t('policy.graceDays')}
            min={0}
            max={365}
            value={value.graceDays}
            onChange={(raw) => setValue({ ...value, graceDays: Number(raw) || 0 })}
          />
        </Group>
        <Switch
          label={t('policy.autoApply')}
          checked={value.autoApply}
          onChange={(event) => setValue({ ...value, autoApply: event.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate(value)} loading={save.isPending}>
            {t('policy.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}

function BackupsCard() {
  const { t } = useTranslation('privacy')
  const backups = useBackups()
  const [reason, setReason] = useState('')
  const purge = useApiMutation(api.privacy.purgeBackups, {
    invalidate: [privacyKeys.backups],
    onSuccess: (result) => notifications.show({ message: t('backups.purged', { count: result.removed }) }),
  })
  const keep = useApiMutation(api.privacy.keepBackups, {
    onSuccess: () => {
      setReason('')
      notifications.show({ message: t('backups.kept') })
    },
  })
  const files = backups.data ?? []
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('backups.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('backups.hint')}
        </Text>
        {files.length === 0 ? (
          <Text size="sm">{t('backups.none')}</Text>
        ) : (
          <>
            <Stack gap={2}>
              {files.map((file) => (
                <Text key={file.fileName} size="sm" ff="monospace">
                  {file.fileName}
                </Text>
              ))}
            </Stack>
            <Group align="flex-end">
              <TextInput
                label={t('backups.reason')}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button variant="default" disabled={reason.trim().length < 3} onClick={() => keep.mutate({ reason })}>
                {t('backups.keep')}
              </Button>
              <Button
                color="red"
                variant="light"
                onClick={() =>
                  modals.openConfirmModal({
                    title: t('backups.purge'),
                    children: <Text size="sm">{t('backups.purgeConfirm')}</Text>,
                    labels: { confirm: t('backups.purge'), cancel: t('confirm.cancel') },
                    confirmProps: { color: 'red' },
                    onConfirm: () => purge.mutate({}),
                  })
                }
              >
                {t('backups.purge')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  )
}
