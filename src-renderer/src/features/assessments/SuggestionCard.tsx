import type { SuggestionDto } from '@contract'
import { Blockquote, Button, Group, Paper, Stack, Text } from '@mantine/core'
import { IconBulb, IconCheck, IconX } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useDisplayNames } from '../postings/display-names'
import { RatingBadge } from './RatingBadge'

/** Why a suggestion matched, worded in the interface language from its structured detail. */
export function useSuggestionReason() {
  const { t, i18n } = useTranslation('assessments')
  const names = useDisplayNames()
  const list = (values: string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(values)
  return (suggestion: SuggestionDto): string => {
    const detail = suggestion.detail
    switch (detail.kind) {
      case 'skill': {
        const found = t('suggestion.skill', {
          list: list(
            detail.matches.map((match) => t(`suggestion.via.${match.via}`, { skill: match.skill, found: match.found })),
          ),
        })
        return [
          found,
          detail.missing.length > 0 ? t('suggestion.missing', { list: list(detail.missing) }) : '',
          detail.shallow && detail.shallow.length > 0 ? t('suggestion.shallow', { list: list(detail.shallow) }) : '',
        ]
          .filter((part) => part !== '')
          .join('. ')
      }
      case 'years': {
        if (detail.basis === 'stated') return t('suggestion.yearsStated', detail)
        const base = detail.skill
          ? t('suggestion.yearsRolesSkill', { ...detail, skill: detail.skill })
          : t('suggestion.yearsRoles', detail)
        return [
          base,
          detail.related ? t('suggestion.yearsRelated', { related: detail.related }) : '',
          detail.claimed ? t('suggestion.yearsClaimed', { claimed: detail.claimed }) : '',
        ]
          .filter((part) => part !== '')
          .join('. ')
      }
      case 'degree': {
        const base = t('suggestion.degree', {
          found: t(`suggestion.degreeLevel.${detail.found}`),
          required: t(`suggestion.degreeLevel.${detail.required}`),
          text: detail.text,
        })
        return [
          base,
          detail.fieldMatches === false ? t('suggestion.degreeOtherField') : '',
          detail.equivalentYears ? t('suggestion.degreeEquivalent', { years: detail.equivalentYears }) : '',
        ]
          .filter((part) => part !== '')
          .join('. ')
      }
      case 'language': {
        const language = names.language(detail.language)
        if (detail.basis === 'level') return t('suggestion.languageLevel', { language, level: detail.level ?? '' })
        return t(detail.basis === 'listed' ? 'suggestion.languageListed' : 'suggestion.languageWritten', {
          language,
        })
      }
    }
  }
}

export function SuggestionCard({
  suggestion,
  onAccept,
  onDismiss,
  busy,
  readOnly,
}: {
  suggestion: SuggestionDto
  onAccept: () => void
  onDismiss: () => void
  busy: boolean
  readOnly: boolean
}) {
  const { t } = useTranslation('assessments')
  const reason = useSuggestionReason()
  return (
    <Paper withBorder p="sm" data-testid="suggestion" data-key={suggestion.key}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconBulb size={16} aria-hidden />
            <Text size="sm" fw={500}>
              {t('suggestion.proposes')}
            </Text>
            <RatingBadge rating={suggestion.rating} size="sm" />
          </Group>
          <Text size="xs" c="dimmed">
            {t('suggestion.confidence', { percent: Math.round(suggestion.confidence * 100) })}
          </Text>
        </Group>
        <Text size="sm">{reason(suggestion)}</Text>
        {suggestion.snippet && (
          <Blockquote p="xs" fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {suggestion.snippet}
          </Blockquote>
        )}
        {!readOnly && (
          <Group gap="xs">
            <Button size="xs" leftSection={<IconCheck size={14} />} onClick={onAccept} loading={busy}>
              {t('suggestion.accept')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={onDismiss} disabled={busy}>
              {t('suggestion.dismiss')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  )
}
