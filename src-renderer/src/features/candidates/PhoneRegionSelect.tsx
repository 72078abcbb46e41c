import { Select } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { useWorkspace, workspaceKeys } from '../../api/workspace'
import { candidateKeys } from './candidate-queries'
import { phoneRegions } from './phone-format'

/** The workspace's phone region: numbers written without a country code belong to it. */
export function PhoneRegionSelect() {
  const { t, i18n } = useTranslation('candidates')
  const workspace = useWorkspace()
  const save = useApiMutation(api.workspace.setPhoneRegion, {
    invalidate: [workspaceKeys.info, candidateKeys.all],
  })
  const data = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region' })
    return phoneRegions
      .map((region) => ({ value: region, label: `${names.of(region) ?? region} (${region})` }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language))
  }, [i18n.language])
  return (
    <Select
      label={t('phoneRegion.label')}
      description={t('phoneRegion.description')}
      data={data}
      value={workspace.data?.phoneRegion ?? null}
      onChange={(value) => {
        if (value) save.mutate({ phoneRegion: value })
      }}
      searchable
      allowDeselect={false}
      w={260}
    />
  )
}
