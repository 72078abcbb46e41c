import type { CandidateDetailDto } from '@contract'
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { call, notifyError, useApiMutation } from '../../api/query'
import { downloadFile } from '../../components/files'
import { formatDate } from '../../i18n/format'
import { reportLanguage } from '../reports/report-queries'
import { candidateKeys } from '../candidates/candidate-queries'
import { ConsentFields, toConsentInput, type ConsentValues } from './ConsentFields'
import { privacyKeys } from './privacy-queries'

/** The profile's consent and legal basis (editable), the access-request exports and the erasure. */
export function CandidatePrivacy({ candidate }: { candidate: CandidateDetailDto }) {
  const { t, i18n } = useTranslation('privacy')
  const privacy = candidate.privacy
  const erase = useApiMutation(api.privacy.anonymise, { invalidate: [candidateKeys.all, privacyKeys.all] })
  const exportData = async (format: 'json' | 'pdf') => {
    try {
      downloadFile(
        await call(api.privacy.exportData({ id: candidate.id, format, language: reportLanguage(i18n.language) })),
      )
    } catch (error) {
      notifyError(error)
    }
  }
  const rows: [string, string][] = [
    [t('consent.origin'), t(`origins.${privacy.origin}`)],
    [t('consent.basis'), t(`bases.${privacy.legalBasis}`)],
    [t('consent.givenOn'), privacy.consentGivenOn ? formatDate(privacy.consentGivenOn) : '—'],
    [t('consent.expiresOn'), privacy.consentExpiresOn ? formatDate(privacy.consentExpiresOn) : '—'],
    ...(privacy.retainUntil ? [[t('consent.retainUntil'), formatDate(privacy.retainUntil)] as [string, string]] : []),
    ...(privacy.note ? [[t('consent.note'), privacy.note] as [string, string]] : []),
  ]
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('consent.title')}</Title>
          {!privacy.erasedAt && (
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() =>
                modals.open({
                  title: t('consent.edit'),
                  size: 'lg',
                  children: <ConsentEditor candidate={candidate} />,
                })
              }
            >
              {t('consent.edit')}
            </Button>
          )}
        </Group>
        {rows.map(([label, value]) => (
          <Group key={label} gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" w={160}>
              {label}
            </Text>
            <Text size="sm">{value}</Text>
          </Group>
        ))}
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => void exportData('json')}>
            {t('profile.exportJson')}
          </Button>
          <Button size="xs" variant="default" onClick={() => void exportData('pdf')}>
            {t('profile.exportPdf')}
          </Button>
          {!privacy.erasedAt && (
            <Button
              size="xs"
              color="red"
              variant="light"
              onClick={() =>
                modals.openConfirmModal({
                  title: t('profile.eraseTitle'),
                  children: <Text size="sm">{t('profile.eraseBody')}</Text>,
                  labels: { confirm: t('profile.erase'), cancel: t('confirm.cancel') },
                  confirmProps: { color: 'red' },
                  onConfirm: () => erase.mutate({ ids: [candidate.id], confirm: true }),
                })
              }
            >
              {t('profile.erase')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  )
}

function ConsentEditor({ candidate }: { candidate: CandidateDetailDto }) {
  const { t } = useTranslation('privacy')
  const privacy = candidate.privacy
  const [value, setValue] = useState<ConsentValues>({
    origin: privacy.origin,
    legalBasis: privacy.legalBasis,
    consentGivenOn: privacy.consentGivenOn ?? '',
    consentExpiresOn: privacy.consentExpiresOn ?? '',
    note: privacy.note,
  })
  const save = useApiMutation(api.privacy.setConsent, {
    invalidate: [candidateKeys.detail(candidate.id), privacyKeys.all],
    onSuccess: () => modals.closeAll(),
  })
  return (
    <Stack>
      <ConsentFields value={value} onChange={setValue} />
      <Group justify="flex-end">
        <Button
          loading={save.isPending}
          onClick={() => save.mutate({ id: candidate.id, consent: toConsentInput(value) })}
        >
          {t('consent.save')}
        </Button>
      </Group>
    </Stack>
  )
}
