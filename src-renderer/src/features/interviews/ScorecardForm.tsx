import type { FocusItemDto, LevelAnchorDto, ScorecardRating, Recommendation, ScorecardContentDto } from '@contract'
import { Badge, Button, Grid, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ratingValues, recommendationValues } from './interview-enums'

interface ScorecardFormProps {
  focusItems: FocusItemDto[]
  content: ScorecardContentDto
  readOnly: boolean
  onChange: (content: ScorecardContentDto) => void
  /** Shown right after the recommendation, where the interviewer ends: the Submit button. */
  footer?: ReactNode
}

const RATING_COLORS: Record<ScorecardRating, string> = { 1: 'red', 2: 'orange', 3: 'teal', 4: 'green' }

/** One scorecard: per focus item the anchored scale beside the level expectations, a note; takeaways; a verdict. */
export function ScorecardForm({ focusItems, content, readOnly, onChange, footer }: ScorecardFormProps) {
  const { t } = useTranslation('interviews')
  const entryOf = (key: string) => content.ratings.find((entry) => entry.key === key)
  const setEntry = (key: string, change: { rating?: ScorecardRating | null; note?: string }) =>
    onChange({
      ...content,
      ratings: focusItems.map((item) => {
        const entry = entryOf(item.key) ?? { key: item.key, rating: null, note: '' }
        return item.key === key ? { ...entry, ...change } : entry
      }),
    })
  return (
    <Stack>
      {focusItems.length === 0 && <Text c="dimmed">{t('scorecard.noFocus')}</Text>}
      {focusItems.map((item, index) => {
        const entry = entryOf(item.key)
        return (
          <FocusItemCard
            key={item.key}
            item={item}
            number={index + 1}
            rating={entry?.rating ?? null}
            note={entry?.note ?? ''}
            readOnly={readOnly}
            onRating={(rating) => setEntry(item.key, { rating })}
            onNote={(note) => setEntry(item.key, { note })}
          />
        )
      })}
      <Paper withBorder p="md">
        <Stack>
          <Textarea
            label={t('scorecard.takeaways')}
            autosize
            minRows={3}
            readOnly={readOnly}
            value={content.keyTakeaways}
            onChange={(event) => onChange({ ...content, keyTakeaways: event.currentTarget.value })}
          />
          <Radio.Group
            label={t('scorecard.recommendation')}
            value={content.recommendation ?? ''}
            onChange={(value) => {
              const recommendation = recommendationValues.find((entry) => entry === value)
              if (recommendation && !readOnly) onChange({ ...content, recommendation })
            }}
          >
            <Group mt="xs">
              {recommendationValues.map((value: Recommendation) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`recommendation.${value}`)}
                  disabled={readOnly && content.recommendation !== value}
                />
              ))}
            </Group>
          </Radio.Group>
          {footer}
        </Stack>
      </Paper>
    </Stack>
  )
}

function FocusItemCard({
  item,
  number,
  rating,
  note,
  readOnly,
  onRating,
  onNote,
}: {
  item: FocusItemDto
  number: number
  rating: ScorecardRating | null
  note: string
  readOnly: boolean
  onRating: (rating: ScorecardRating | null) => void
  onNote: (note: string) => void
}) {
  const { t } = useTranslation('interviews')
  const levelOf: Record<ScorecardRating, LevelAnchorDto | null> = {
    1: null,
    2: item.anchors.below,
    3: item.anchors.at,
    4: item.anchors.above,
  }
  return (
    <Paper withBorder p="md" role="group" aria-label={item.label}>
      <Group gap="xs" mb="xs" wrap="nowrap" align="flex-start">
        <Title order={4} style={{ flex: 1 }}>
          {number}. {item.label}
        </Title>
        <Badge variant="light" color={item.kind === 'competency' ? 'grape' : 'blue'}>
          {t(`focus.kind.${item.kind}`)}
        </Badge>
        {rating !== null && (
          <Badge
            size="lg"
            variant={readOnly ? 'filled' : 'light'}
            color={RATING_COLORS[rating]}
            aria-label={t('scorecard.ratedAs', { label: item.label, rating: `${rating} · ${t(`scale.${rating}`)}` })}
          >
            {rating} · {t(`scale.${rating}`)}
          </Badge>
        )}
      </Group>
      {item.kind === 'requirement' && item.competencyName && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('focus.linked', { name: item.competencyName })}
        </Text>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Radio.Group
            label={t('scorecard.rating')}
            value={rating === null ? '' : String(rating)}
            onChange={(value) => {
              const next = ratingValues.find((entry) => String(entry) === value)
              if (next && !readOnly) onRating(next)
            }}
          >
            <Stack gap={6} mt={6}>
              {ratingValues.map((value) => {
                const level = levelOf[value]
                return (
                  <Radio
                    key={value}
                    value={String(value)}
                    // The chosen rating keeps its colour on a submitted scorecard; only the others fade.
                    disabled={readOnly && rating !== value}
                    label={`${value} · ${t(`scale.${value}`)}`}
                    description={level?.levelTitle}
                  />
                )
              })}
            </Stack>
          </Radio.Group>
          {!readOnly && rating !== null && (
            <Button variant="subtle" size="compact-xs" mt={6} onClick={() => onRating(null)}>
              {t('scorecard.clearRating')}
            </Button>
          )}
          {rating === null && (
            <Text size="xs" c="dimmed" mt={6}>
              {t('scorecard.unrated')}
            </Text>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Anchors item={item} />
        </Grid.Col>
      </Grid>
      <Textarea
        mt="sm"
        label={t('scorecard.note')}
        autosize
        minRows={2}
        readOnly={readOnly}
        value={note}
        onChange={(event) => onNote(event.currentTarget.value)}
      />
    </Paper>
  )
}

/** The expectation texts of the level below, at and above: plain text, as written in the ladder. */
export function Anchors({ item }: { item: FocusItemDto }) {
  const { t } = useTranslation('interviews')
  if (item.competencyName === null) {
    return (
      <Text size="sm" c="dimmed" aria-label={t('anchors.label')}>
        {t('anchors.noCompetency')}
      </Text>
    )
  }
  const rows: [string, LevelAnchorDto | null][] = [
    [t('anchors.above'), item.anchors.above],
    [t('anchors.at'), item.anchors.at],
    [t('anchors.below'), item.anchors.below],
  ]
  return (
    <Stack gap={6} aria-label={t('anchors.label')}>
      {rows.map(([label, anchor]) =>
        anchor ? (
          <div key={label}>
            <Text size="xs" fw={600}>
              {label} · {anchor.levelTitle}
            </Text>
            <Text size="sm" c={anchor.text ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
              {anchor.text ?? t('anchors.none')}
            </Text>
          </div>
        ) : null,
      )}
    </Stack>
  )
}
