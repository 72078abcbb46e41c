import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AutosaveState } from './use-autosave'

export function AutosaveStatus({ state }: { state: AutosaveState }) {
  const { t } = useTranslation('interviews')
  if (state === 'idle') return null
  return (
    <Text size="sm" c={state === 'failed' ? 'red' : 'dimmed'} role="status" aria-live="polite">
      {t(`autosave.${state}`)}
    </Text>
  )
}
