import { Badge, Group, Stack, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { Spotlight, spotlight } from '@mantine/spotlight'
import { IconSearch, IconTag } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { HighlightedText } from '../../components/HighlightedText'
import { useCandidateSearch, useFacets } from './candidate-queries'

const MAX_TAGS = 5

/**
 * Ctrl/Cmd+K: one box over names, e-mails, résumé text and notes, ranked by the full-text index, and over tags
 * (a tag opens the candidates carrying it). Enter opens the top result when none is picked with the arrows.
 */
export function SearchPalette() {
  const { t } = useTranslation('candidates')
  const [, navigate] = useLocation()
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query, 120)
  const search = useCandidateSearch(debounced)
  const facets = useFacets()
  const wanted = debounced.trim().toLocaleLowerCase()
  const hits = wanted ? (search.data ?? []) : []
  const tags = wanted
    ? (facets.data?.tags ?? []).filter((tag) => tag.toLocaleLowerCase().includes(wanted)).slice(0, MAX_TAGS)
    : []
  // A tag typed in full is what the person meant; a partial one comes after the people found.
  const exactTag = tags.find((tag) => tag.toLocaleLowerCase() === wanted)
  const openTag = (tag: string) => navigate(`/candidates?tag=${encodeURIComponent(tag)}`)
  const top = exactTag
    ? () => openTag(exactTag)
    : hits[0]
      ? () => navigate(`/candidates/${hits[0]?.id}`)
      : tags[0]
        ? () => openTag(tags[0] ?? '')
        : null
  const tagAction = (tag: string) => (
    <Spotlight.Action key={`tag:${tag}`} onClick={() => openTag(tag)} aria-label={t('search.tagAction', { tag })}>
      <Group gap="xs">
        <IconTag size={16} />
        <Badge variant="light">{tag}</Badge>
        <Text size="xs" c="dimmed">
          {t('search.tagHint')}
        </Text>
      </Group>
    </Spotlight.Action>
  )
  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={480}>
      <Spotlight.Search
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        leftSection={<IconSearch size={18} />}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.nativeEvent.isComposing || top === null) return
          if (document.querySelector('[data-action][data-selected]')) return
          top()
          spotlight.close()
        }}
      />
      <Spotlight.ActionsList aria-label={t('search.results')}>
        {exactTag && tagAction(exactTag)}
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
        {tags.filter((tag) => tag !== exactTag).map(tagAction)}
        {debounced.trim() !== '' && search.isSuccess && hits.length === 0 && tags.length === 0 && (
          <Spotlight.Empty>{t('search.nothing')}</Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  )
}
