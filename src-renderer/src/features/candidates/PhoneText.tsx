import { Group, Text, Tooltip } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../../api/workspace'
import { formatPhone } from './phone-format'

/** A stored phone number, formatted for the workspace's region, flagged when no operator uses its range. */
export function PhoneText({ value, size = 'sm' }: { value: string; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation('candidates')
  const region = useWorkspace().data?.phoneRegion ?? ''
  const shown = formatPhone(value, region)
  const country = shown.country
    ? (new Intl.DisplayNames([i18n.language], { type: 'region' }).of(shown.country) ?? shown.country)
    : null
  return (
    <Group gap={4} wrap="nowrap" title={value}>
      <Text size={size} span>
        {shown.text}
      </Text>
      {!shown.valid && (
        <Tooltip label={country ? t('phones.notInUse', { country }) : t('phones.unknown')}>
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" aria-label={t('phones.flag')} />
        </Tooltip>
      )}
    </Group>
  )
}
