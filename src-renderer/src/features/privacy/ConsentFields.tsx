import type { CandidateOrigin, ConsentInput, LegalBasis } from '@contract'
import { Group, Select, Stack, TextInput, Textarea } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { candidateOrigins, legalBases } from '@contract/closed-lists'

export interface ConsentValues {
  origin: CandidateOrigin
  legalBasis: LegalBasis
  consentGivenOn: string
  consentExpiresOn: string
  note: string
}

export const defaultConsent = (origin: CandidateOrigin = 'applied'): ConsentValues => ({
  origin,
  legalBasis: 'legitimate_interest',
  consentGivenOn: '',
  consentExpiresOn: '',
  note: '',
})

export const toConsentInput = (values: ConsentValues): ConsentInput => ({
  origin: values.origin,
  legalBasis: values.legalBasis,
  consentGivenOn: values.consentGivenOn || null,
  consentExpiresOn: values.consentExpiresOn || null,
  note: values.note,
})

/** How we got a candidate's data and on what legal basis we keep it; `compact` shows only those two. */
export function ConsentFields({
  value,
  onChange,
  compact = false,
  disabled = false,
}: {
  value: ConsentValues
  onChange: (value: ConsentValues) => void
  compact?: boolean
  disabled?: boolean
}) {
  const { t } = useTranslation('privacy')
  const set = (patch: Partial<ConsentValues>) => onChange({ ...value, ...patch })
  return (
    <Stack gap="xs">
      <Group grow>
        <Select
          label={t('consent.origin')}
          data={candidateOrigins.map((origin) => ({ value: origin, label: t(`origins.${origin}`) }))}
          value={value.origin}
          onChange={(origin) => {
            const found = candidateOrigins.find((entry) => entry === origin)
            if (found) set({ origin: found })
          }}
          allowDeselect={false}
          disabled={disabled}
        />
        <Select
          label={t('consent.basis')}
          data={legalBases.map((basis) => ({ value: basis, label: t(`bases.${basis}`) }))}
          value={value.legalBasis}
          onChange={(basis) => {
            const found = legalBases.find((entry) => entry === basis)
            if (found) set({ legalBasis: found })
          }}
          allowDeselect={false}
          disabled={disabled}
        />
      </Group>
      {!compact && (
        <>
          <Group grow>
            <TextInput
              type="date"
              label={t('consent.givenOn')}
              value={value.consentGivenOn}
              onChange={(event) => set({ consentGivenOn: event.currentTarget.value })}
              disabled={disabled}
            />
            <TextInput
              type="date"
              label={t('consent.expiresOn')}
              value={value.consentExpiresOn}
              onChange={(event) => set({ consentExpiresOn: event.currentTarget.value })}
              disabled={disabled}
            />
          </Group>
          <Textarea
            label={t('consent.note')}
            autosize
            minRows={1}
            value={value.note}
            onChange={(event) => set({ note: event.currentTarget.value })}
            disabled={disabled}
          />
        </>
      )}
    </Stack>
  )
}
