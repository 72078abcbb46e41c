import type {
  AssessmentItemDto,
  AssessmentResultDto,
  AssessmentSheetDto,
  EvidenceSource,
  Rating,
  Result,
} from '@contract'
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core'
import { IconArrowLeft, IconBulb, IconChevronLeft, IconChevronRight, IconPencil } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { Fragment, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api } from '../../api/client'
import { ApiError, call, notifyError } from '../../api/query'
import { ExportButtons } from '../reports/ExportButtons'
import { neighbourInOrder } from './applicant-order'
import { assessmentKeys, useApplyAssessmentResult, useAssessmentSheet } from './assessment-queries'
import { FitSummary } from './FitSummary'
import { RatingBadge } from './RatingBadge'
import { evidenceSources, ratingForKey, ratings } from './rating-enums'
import { ResumePane, type TextRange } from './ResumePane'
import { SuggestionCard } from './SuggestionCard'
import { formatWhen } from '../../i18n/format'
import { reportLanguage } from '../reports/report-queries'

export const assessPath = (postingId: number, applicationId: number) =>
  `/postings/${postingId}/applications/${applicationId}/assess`

type Group = 'responsibility' | 'requirement' | 'nice_to_have' | 'archived'

const groupOf = (item: AssessmentItemDto): Group => {
  if (item.archived) return 'archived'
  const section = item.requirement.section
  return section === 'responsibility' || section === 'nice_to_have' ? section : 'requirement'
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}

/** Where the selected item's evidence and suggestions sit in each document. */
function highlightsFor(item: AssessmentItemDto | undefined, sheet: AssessmentSheetDto): Map<number, TextRange[]> {
  const byDocument = new Map<number, TextRange[]>()
  if (!item) return byDocument
  const add = (documentId: number, range: TextRange) =>
    byDocument.set(documentId, [...(byDocument.get(documentId) ?? []), range])
  for (const suggestion of item.suggestions) for (const range of suggestion.ranges) add(suggestion.documentId, range)
  // Evidence quoted from a document (an accepted suggestion, a pasted line) is found where it stands.
  const quotes = item.assessment.evidence
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 8)
  for (const doc of sheet.documents) {
    for (const quote of quotes) {
      for (let at = doc.text.indexOf(quote), found = 0; at >= 0 && found < 5; at = doc.text.indexOf(quote, at + 1)) {
        add(doc.id, { start: at, end: at + quote.length })
        found++
      }
    }
  }
  return byDocument
}

export function AssessmentPage({ postingId, applicationId }: { postingId: number; applicationId: number }) {
  const sheet = useAssessmentSheet(applicationId)
  if (sheet.isPending) return <Loader />
  if (sheet.isError) return <Alert color="red">{sheet.error.message}</Alert>
  return <AssessmentView key={applicationId} postingId={postingId} sheet={sheet.data} />
}

/**
 * One applicant against every item of the posting, keyboard first: ↑/↓ or j/k move, 1–5 rate, e edits the
 * evidence, a accepts the top suggestion, n/p go to the next or previous applicant.
 */
function AssessmentView({ postingId, sheet }: { postingId: number; sheet: AssessmentSheetDto }) {
  const { t, i18n } = useTranslation(['assessments', 'common'])
  const client = useQueryClient()
  const [, navigate] = useLocation()
  const applicationId = sheet.application.id
  const apply = useApplyAssessmentResult(applicationId)
  const [selectedId, setSelectedId] = useState<number | null>(sheet.items[0]?.requirement.id ?? null)
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState('')
  const [draftSource, setDraftSource] = useState<EvidenceSource>('resume')
  const [busy, setBusy] = useState(false)
  const rows = useRef(new Map<number, HTMLDivElement>())
  // Changes run one after another, each against the item as the previous one left it.
  const queue = useRef<Promise<unknown>>(Promise.resolve())

  const items = sheet.items
  const selectedIndex = items.findIndex((item) => item.requirement.id === selectedId)
  const selected = items[selectedIndex]

  const latest = (requirementId: number): AssessmentItemDto | undefined =>
    client
      .getQueryData<AssessmentSheetDto>(assessmentKeys.sheet(applicationId))
      ?.items.find((item) => item.requirement.id === requirementId)

  /** Runs a change in turn; a conflict reloads the sheet with the other person's change. */
  const perform = (request: () => Promise<Result<AssessmentResultDto>> | null): Promise<boolean> => {
    const run = async () => {
      const pending = request()
      if (!pending) return true
      setBusy(true)
      try {
        apply(await call(pending))
        return true
      } catch (error) {
        notifyError(error)
        if (error instanceof ApiError && error.error.code === 'conflict') {
          await client.invalidateQueries({ queryKey: assessmentKeys.sheet(applicationId) })
        }
        return false
      } finally {
        setBusy(false)
      }
    }
    const next = queue.current.then(run)
    queue.current = next
    return next
  }

  const rate = (requirementId: number, rating: Rating) =>
    perform(() => {
      const item = latest(requirementId)
      if (!item || item.archived || item.assessment.rating === rating) return null
      return api.assessments.rate({
        applicationId,
        requirementId,
        rating,
        evidence: item.assessment.evidence,
        source: item.assessment.source ?? draftSource,
        expectedVersion: item.assessment.version,
      })
    })

  const saveEvidence = async (requirementId: number) => {
    const saved = await perform(() => {
      const item = latest(requirementId)
      if (!item) return null
      return api.assessments.rate({
        applicationId,
        requirementId,
        rating: item.assessment.rating,
        evidence: draft,
        source: draftSource,
        expectedVersion: item.assessment.version,
      })
    })
    if (saved) {
      setEditing(false)
      rows.current.get(requirementId)?.focus()
    }
  }

  const accept = (requirementId: number, key: string) =>
    perform(() => {
      const item = latest(requirementId)
      if (!item) return null
      return api.assessments.acceptSuggestion({
        applicationId,
        requirementId,
        key,
        expectedVersion: item.assessment.version,
      })
    })

  const dismiss = (requirementId: number, key: string) =>
    perform(() => api.assessments.dismissSuggestion({ applicationId, requirementId, key }))

  const select = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))]
    if (!item) return
    setEditing(false)
    setSelectedId(item.requirement.id)
    rows.current.get(item.requirement.id)?.focus()
  }

  const startEditing = (item: AssessmentItemDto) => {
    if (item.archived) return
    setDraft(item.assessment.evidence)
    setDraftSource(item.assessment.source ?? draftSource)
    setEditing(true)
  }

  const neighbour = (step: -1 | 1) => {
    const remembered = neighbourInOrder(postingId, applicationId, step)
    return remembered === undefined ? (step < 0 ? sheet.previousId : sheet.nextId) : remembered
  }
  const go = (step: -1 | 1) => {
    const target = neighbour(step)
    if (target !== null) navigate(assessPath(postingId, target))
  }

  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => undefined)
  useEffect(() => {
    keyHandler.current = (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (isEditable(event.target) || document.querySelector('[role="dialog"]')) return
      const rating = ratingForKey(event.key)
      let handled = true
      if (event.key === 'ArrowDown' || event.key === 'j') select(selectedIndex + 1)
      else if (event.key === 'ArrowUp' || event.key === 'k') select(selectedIndex - 1)
      else if (event.key === 'Home') select(0)
      else if (event.key === 'End') select(items.length - 1)
      else if (rating && selected) void rate(selected.requirement.id, rating)
      else if (event.key === 'e' && selected) startEditing(selected)
      else if (event.key === 'a' && selected?.suggestions[0] && !selected.archived)
        void accept(selected.requirement.id, selected.suggestions[0].key)
      else if (event.key === 'n') go(1)
      else if (event.key === 'p') go(-1)
      else handled = false
      if (handled) event.preventDefault()
    }
  })
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => keyHandler.current(event)
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  const highlights = highlightsFor(selected, sheet)
  const preferredDocument = selected?.suggestions[0]?.documentId ?? [...highlights.keys()][0] ?? null
  // A heading above the first item of each group.
  const headings = items.map((item, index) => {
    const previous = items[index - 1]
    return previous && groupOf(previous) === groupOf(item) ? null : groupOf(item)
  })

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} href={`/postings/${postingId}/applicants`} size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} />
              {sheet.application.postingTitle}
            </Group>
          </Anchor>
          <Group gap="sm">
            <Title order={2}>{t('page.title', { name: sheet.application.candidateName })}</Title>
            <Badge variant="light">{sheet.application.stageName}</Badge>
          </Group>
          <FitSummary fit={sheet.fit} />
        </Stack>
        <Group gap="xs" align="flex-start">
          <ExportButtons
            what="packet"
            formats={['pdf']}
            start={() => api.reports.packet({ applicationId, language: reportLanguage(i18n.language) })}
          />
          <Tooltip label={t('page.previous')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('page.previous')}
              disabled={neighbour(-1) === null}
              onClick={() => go(-1)}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('page.next')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('page.next')}
              disabled={neighbour(1) === null}
              onClick={() => go(1)}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {t('page.keys')}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {items.length === 0 ? (
            <Text c="dimmed">{t('page.noRequirements')}</Text>
          ) : (
            <Stack gap={6} role="listbox" aria-label={t('page.requirements')}>
              {items.map((item, index) => {
                const heading = headings[index]
                const isSelected = item.requirement.id === selectedId
                return (
                  <Fragment key={item.requirement.id}>
                    {heading && (
                      <Title order={5} mt={index === 0 ? 0 : 'sm'} c="dimmed">
                        {t(`section.${heading}`)}
                      </Title>
                    )}
                    <Paper
                      withBorder
                      p="xs"
                      role="option"
                      tabIndex={isSelected ? 0 : -1}
                      aria-selected={isSelected}
                      data-testid="assessment-item"
                      data-requirement-id={item.requirement.id}
                      data-rating={item.assessment.rating}
                      ref={(element: HTMLDivElement | null) => {
                        if (element) rows.current.set(item.requirement.id, element)
                        else rows.current.delete(item.requirement.id)
                      }}
                      onClick={() => {
                        if (!isSelected) select(index)
                      }}
                      style={{
                        cursor: 'pointer',
                        opacity: item.archived ? 0.7 : 1,
                        borderColor: isSelected ? 'var(--mantine-color-indigo-6)' : undefined,
                        borderWidth: isSelected ? 2 : undefined,
                      }}
                    >
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <RatingBadge rating={item.assessment.rating} />
                        <Text size="sm" style={{ flex: 1 }}>
                          {item.requirement.text}
                        </Text>
                        {item.requirement.mustHave && (
                          <Badge color="grape" variant="light" size="sm">
                            {t('page.mustHave')}
                          </Badge>
                        )}
                        {item.suggestions.length > 0 && (
                          <Tooltip label={t('page.suggestionsCount', { count: item.suggestions.length })}>
                            <Badge
                              variant="light"
                              color="yellow"
                              size="sm"
                              leftSection={<IconBulb size={12} />}
                              aria-label={t('page.suggestionsCount', { count: item.suggestions.length })}
                            >
                              {item.suggestions.length}
                            </Badge>
                          </Tooltip>
                        )}
                        {item.suggestions.length === 0 &&
                          !item.archived &&
                          (item.dismissedSuggestions > 0 || item.assessment.rating === 'unknown') && (
                            // Dismissed and "nothing found" are different answers: someone decided, or the résumé is silent.
                            <Tooltip
                              label={t(item.dismissedSuggestions > 0 ? 'page.dismissedHint' : 'page.noSuggestionHint')}
                            >
                              <Badge
                                variant="outline"
                                color="gray"
                                size="sm"
                                data-testid={item.dismissedSuggestions > 0 ? 'suggestions-dismissed' : 'no-suggestion'}
                              >
                                {item.dismissedSuggestions > 0
                                  ? t('page.dismissedOnly', { count: item.dismissedSuggestions })
                                  : t('page.noSuggestion')}
                              </Badge>
                            </Tooltip>
                          )}
                      </Group>
                      {isSelected && (
                        <ItemDetails
                          item={item}
                          editing={editing}
                          draft={draft}
                          draftSource={draftSource}
                          busy={busy}
                          onDraft={setDraft}
                          onDraftSource={setDraftSource}
                          onRate={(rating) => void rate(item.requirement.id, rating)}
                          onEdit={() => startEditing(item)}
                          onSave={() => void saveEvidence(item.requirement.id)}
                          onCancel={() => {
                            setEditing(false)
                            rows.current.get(item.requirement.id)?.focus()
                          }}
                          onAccept={(key) => void accept(item.requirement.id, key)}
                          onDismiss={(key) => void dismiss(item.requirement.id, key)}
                        />
                      )}
                    </Paper>
                  </Fragment>
                )
              })}
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ResumePane documents={sheet.documents} highlights={highlights} preferredDocumentId={preferredDocument} />
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

function ItemDetails({
  item,
  editing,
  draft,
  draftSource,
  busy,
  onDraft,
  onDraftSource,
  onRate,
  onEdit,
  onSave,
  onCancel,
  onAccept,
  onDismiss,
}: {
  item: AssessmentItemDto
  editing: boolean
  draft: string
  draftSource: EvidenceSource
  busy: boolean
  onDraft: (value: string) => void
  onDraftSource: (value: EvidenceSource) => void
  onRate: (rating: Rating) => void
  onEdit: () => void
  onSave: () => void
  onCancel: () => void
  onAccept: (key: string) => void
  onDismiss: (key: string) => void
}) {
  const { t } = useTranslation('assessments')
  const { assessment } = item
  const readOnly = item.archived
  return (
    <Stack gap="sm" mt="sm" onClick={(event) => event.stopPropagation()}>
      {readOnly && <Alert color="gray">{t('item.archived')}</Alert>}
      <SegmentedControl
        fullWidth
        size="xs"
        disabled={readOnly}
        aria-label={t('item.rate')}
        value={assessment.rating}
        onChange={(value) => {
          const rating = ratings.find((entry) => entry === value)
          if (rating) onRate(rating)
        }}
        data={ratings.map((rating, index) => ({
          value: rating,
          label: t('item.rateKey', { rating: t(`rating.${rating}`), key: index + 1 }),
        }))}
      />
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {t('item.evidence')}
            {assessment.source && (
              <Text span size="xs" c="dimmed" ml="xs">
                {t(`source.${assessment.source}`)}
              </Text>
            )}
          </Text>
          {!editing && !readOnly && (
            <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={12} />} onClick={onEdit}>
              {t('item.edit')}
            </Button>
          )}
        </Group>
        {editing ? (
          <Stack gap="xs">
            <Textarea
              autoFocus
              autosize
              minRows={3}
              maxRows={12}
              aria-label={t('item.evidence')}
              value={draft}
              onChange={(event) => onDraft(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.preventDefault()
                  onCancel()
                } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault()
                  onSave()
                }
              }}
            />
            <Group gap="xs">
              <Select
                size="xs"
                aria-label={t('source.label')}
                allowDeselect={false}
                value={draftSource}
                onChange={(value) => {
                  const source = evidenceSources.find((entry) => entry === value)
                  if (source) onDraftSource(source)
                }}
                data={evidenceSources.map((source) => ({ value: source, label: t(`source.${source}`) }))}
              />
              <Button size="xs" onClick={onSave} loading={busy}>
                {t('item.save')}
              </Button>
              <Button size="xs" variant="default" onClick={onCancel}>
                {t('item.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text
            size="sm"
            c={assessment.evidence ? undefined : 'dimmed'}
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="evidence"
          >
            {assessment.evidence || t('item.noEvidence')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {assessment.updatedAt
            ? assessment.authorName
              ? t('item.ratedBy', { name: assessment.authorName, at: formatWhen(assessment.updatedAt) })
              : t('item.ratedByUnknown', { at: formatWhen(assessment.updatedAt) })
            : t('item.neverRated')}
        </Text>
      </Stack>
      {item.suggestions.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('suggestion.title')}
          </Text>
          {item.suggestions.map((suggestion) => (
            <SuggestionCard
              key={suggestion.key}
              suggestion={suggestion}
              busy={busy}
              readOnly={readOnly}
              onAccept={() => onAccept(suggestion.key)}
              onDismiss={() => onDismiss(suggestion.key)}
            />
          ))}
        </Stack>
      )}
      <Card withBorder p="xs">
        <Text size="sm" fw={500} mb={4}>
          {t('item.history')}
        </Text>
        {item.history.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('item.noHistory')}
          </Text>
        ) : (
          <Stack gap={4} data-testid="history">
            {item.history.map((change) => (
              <Group key={change.id} gap="xs" wrap="nowrap" align="flex-start">
                <Text size="xs" c="dimmed" style={{ minWidth: 130 }}>
                  {formatWhen(change.at)}
                </Text>
                <Text size="xs" style={{ minWidth: 90 }}>
                  {change.personName ?? t('item.someone')}
                </Text>
                <Text size="xs" data-testid="history-change">
                  {t('item.change', { from: t(`rating.${change.from}`), to: t(`rating.${change.to}`) })}
                  {change.evidenceBefore !== change.evidenceAfter && ` · ${t('item.evidenceChanged')}`}
                  {change.suggestionKey && ` · ${t('item.fromSuggestion')}`}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  )
}
