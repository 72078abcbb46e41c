import { Group, Stack, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { Spotlight } from '@mantine/spotlight'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { HighlightedText } from '../../components/HighlightedText'
import { useCandidateSearch } from './candidate-queries'

/** Ctrl/Cmd+K: one box over names, e-mails, résumé text and notes, ranked by the full-text index. */
export function SearchPalette() {
  const { t } = useTranslation('candidates')
  const [, navigate] = useLocation()
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query, 120)
  const search = useCandidateSearch(debounced)
  const hits = debounced.trim() ? (search.data ?? []) : []
  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={480}>
      <Spotlight.Search
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        leftSection={<IconSearch size={18} />}
      />
      <Spotlight.ActionsList aria-label={t('search.results')}>
        {hits.map((hit) => (
          <Spotlight.Action key={hit.id} onClick={() => navigate(`/candidates/${hit.id}`)}>
            <Stack gap={2} align="flex-start" style={{ textAlign: 'left' }}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  <HighlightedText value={hit.name} />
                </Text>
                {hit.email && (
                  <Text size="xs" c="dimmed">
                    {hit.email}
                  </Text>
                )}
              </Group>
              {hit.field !== 'name' && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {t(`search.fields.${hit.field}`)}: <HighlightedText value={hit.snippet} />
                </Text>
              )}
            </Stack>
          </Spotlight.Action>
        ))}
        {debounced.trim() !== '' && search.isSuccess && hits.length === 0 && (
          <Spotlight.Empty>{t('search.nothing')}</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  )
}
