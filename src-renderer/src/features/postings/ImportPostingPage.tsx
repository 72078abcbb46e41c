import type { PostingItem, PostingParseResultDto, SectionKind } from '@contract'
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileButton,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconFileImport, IconTrash, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { fileToBase64 } from '../../components/files'
import { applyServerIssues } from '../../components/forms'
import { OriginalText } from './OriginalText'
import { assessedSections, isOneOf, parsedKinds, sectionOfKind } from './posting-enums'
import { PostingFields, type PostingFormValues } from './PostingFields'
import { postingKeys, usePostingReference } from './posting-queries'
import { RequirementFacts } from './RequirementRows'

/** Paste or open a posting, then review what the parser found beside the original; nothing is saved before "Save". */
export function ImportPostingPage() {
  const { t } = useTranslation(['postings', 'common'])
  const reference = usePostingReference()
  const [text, setText] = useState('')
  const [fileError, setFileError] = useState<string | null>(null)
  const [result, setResult] = useState<PostingParseResultDto | null>(null)
  const parse = useApiMutation(api.postings.parse, { quiet: true, onSuccess: (parsed) => setResult(parsed) })

  const openFile = async (file: File | null) => {
    setFileError(null)
    if (!file) return
    const max = reference.data?.maxFileBytes
    if (max !== undefined && file.size > max) {
      setFileError(t('import.tooLarge', { name: file.name, max: Math.round(max / 1_048_576) }))
      return
    }
    parse.mutate({ file: { fileName: file.name, contentBase64: await fileToBase64(file) } })
  }

  if (result) return <ImportReview key={result.originalText} result={result} onBack={() => setResult(null)} />

  const error = fileError ?? parse.error?.message
  return (
    <Stack>
      <div>
        <Anchor component={Link} href="/postings" size="sm">
          {t('import.back')}
        </Anchor>
        <Title order={2}>{t('import.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('import.description')}
        </Text>
      </div>
      <Textarea
        label={t('import.paste')}
        description={t('import.pasteHint')}
        autosize
        minRows={12}
        maxRows={28}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      {error && (
        <Alert color="red" title={t('import.failed')}>
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <FileButton
          onChange={(file) => void openFile(file)}
          accept={(reference.data?.fileExtensions ?? []).map((extension) => `.${extension}`).join(',')}
        >
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={parse.isPending}>
              {t('import.openFile')}
            </Button>
          )}
        </FileButton>
        <Button
          leftSection={<IconFileImport size={16} />}
          disabled={!text.trim()}
          loading={parse.isPending}
          onClick={() => {
            setFileError(null)
            parse.mutate({ text })
          }}
        >
          {t('import.parse')}
        </Button>
      </Group>
    </Stack>
  )
}

interface ReviewItem extends PostingItem {
  key: string
  kind: SectionKind
}

interface ReviewSection {
  key: number
  heading: string | null
  kind: SectionKind
  items: ReviewItem[]
}

function ImportReview({ result, onBack }: { result: PostingParseResultDto; onBack: () => void }) {
  const { t } = useTranslation(['postings', 'common'])
  const [, navigate] = useLocation()
  const [sections, setSections] = useState<ReviewSection[]>(() =>
    result.parsed.sections.map((section, index) => ({
      key: index,
      heading: section.heading,
      kind: section.kind,
      items: section.items.map((item, itemIndex) => ({ ...item, key: `${index}.${itemIndex}`, kind: section.kind })),
    })),
  )
  const suggested = result.suggestedLevel
  const form = useForm<PostingFormValues>({
    initialValues: {
      title: result.parsed.title ?? suggested?.title ?? '',
      levelId: suggested ? String(suggested.id) : null,
      team: '',
      language: result.parsed.language,
      countries: [],
      remotePolicy: 'onsite',
      summary: result.parsed.summary,
    },
    validate: {
      title: (value) => (value.trim() ? null : t('common:form.required')),
      levelId: (value) => (value ? null : t('common:form.required')),
    },
  })
  const create = useApiMutation(api.postings.create, {
    invalidate: [postingKeys.all],
    quiet: true,
    onSuccess: (posting) => navigate(`/postings/${posting.id}`),
  })

  const updateItem = (key: string, change: Partial<ReviewItem>) =>
    setSections((all) =>
      all.map((section) => ({
        ...section,
        items: section.items.map((item) => (item.key === key ? { ...item, ...change } : item)),
      })),
    )
  const removeItem = (key: string) =>
    setSections((all) =>
      all.map((section) => ({ ...section, items: section.items.filter((item) => item.key !== key) })),
    )
  const setSectionKind = (sectionKey: number, kind: SectionKind) =>
    setSections((all) =>
      all.map((section) =>
        section.key === sectionKey
          ? { ...section, kind, items: section.items.map((item) => ({ ...item, kind })) }
          : section,
      ),
    )

  const items = sections.flatMap((section) => section.items)
  const counts = parsedKinds
    .map((kind) => ({ kind, count: items.filter((item) => item.kind === kind).length }))
    .filter((entry) => entry.count > 0)
  const kindOptions = parsedKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))

  const save = form.onSubmit((values) =>
    create.mutate(
      {
        ...values,
        levelId: Number(values.levelId),
        status: 'draft',
        originalText: result.originalText,
        originalFileName: result.fileName,
        requirements: items
          .filter((item) => item.text.trim())
          .map((item) => ({
            section: sectionOfKind(item.kind),
            text: item.text,
            mustHave: item.mustHave && !item.preferred,
            preferred: item.preferred,
            minYears: item.minYears,
            skills: item.skills,
          })),
      },
      { onError: (error) => applyServerIssues(form, error) || form.setFieldError('title', error.message) },
    ),
  )

  return (
    <form onSubmit={save}>
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2}>{t('review.title')}</Title>
            <Text c="dimmed" size="sm">
              {t('review.description')}
            </Text>
          </div>
          <Group>
            <Button variant="default" onClick={onBack}>
              {t('review.back')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('review.save')}
            </Button>
          </Group>
        </Group>
        {result.warnings.length > 0 && (
          <Alert color="yellow" title={t('review.warnings')}>
            {result.warnings.map((warning) => (
              <Text key={warning} size="sm">
                {warning}
              </Text>
            ))}
          </Alert>
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              <Card withBorder>
                <Stack>
                  <PostingFields form={form} />
                  <Text size="sm" c={suggested ? 'dimmed' : 'orange'}>
                    {suggested
                      ? t('review.suggested', { level: suggested.title, ladder: suggested.ladderName })
                      : t('review.noSuggestion')}
                  </Text>
                </Stack>
              </Card>
              <Group gap="xs" aria-label={t('review.found')} role="status">
                {counts.map(({ kind, count }) => (
                  <Badge key={kind} variant="light" color={isOneOf(assessedSections, kind) ? 'blue' : 'gray'}>
                    {t('review.count', { kind: t(`kinds.${kind}`), count })}
                  </Badge>
                ))}
              </Group>
              {sections.map((section) => (
                <Card withBorder key={section.key}>
                  <Group justify="space-between" mb="xs">
                    <Text fw={600}>{section.heading ?? t('review.noHeading')}</Text>
                    <NativeSelect
                      aria-label={t('review.sectionKind', { heading: section.heading ?? t('review.noHeading') })}
                      data={kindOptions}
                      value={section.kind}
                      onChange={(event) => {
                        const kind = event.currentTarget.value
                        if (isOneOf(parsedKinds, kind)) setSectionKind(section.key, kind)
                      }}
                    />
                  </Group>
                  {section.items.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('review.noItems')}
                    </Text>
                  )}
                  <Stack gap="xs">
                    {section.items.map((item, index) => (
                      <ReviewItemRow
                        key={item.key}
                        item={item}
                        label={t('review.item', {
                          index: index + 1,
                          heading: section.heading ?? t('review.noHeading'),
                        })}
                        kindOptions={kindOptions}
                        onChange={(change) => updateItem(item.key, change)}
                        onRemove={() => removeItem(item.key)}
                      />
                    ))}
                  </Stack>
                </Card>
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card withBorder style={{ position: 'sticky', top: 72 }}>
              <Text fw={600} mb="xs">
                {result.fileName ? t('details.originalFrom', { fileName: result.fileName }) : t('details.original')}
              </Text>
              <OriginalText text={result.originalText} label={t('details.original')} maxHeight={720} />
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  )
}

function ReviewItemRow({
  item,
  label,
  kindOptions,
  onChange,
  onRemove,
}: {
  item: ReviewItem
  label: string
  kindOptions: { value: string; label: string }[]
  onChange: (change: Partial<ReviewItem>) => void
  onRemove: () => void
}) {
  const { t } = useTranslation('postings')
  const assessed = isOneOf(assessedSections, item.kind)
  return (
    <Paper withBorder p="xs" role="group" aria-label={label}>
      <Stack gap={6}>
        <Group align="flex-start" wrap="nowrap" gap="xs">
          <Textarea
            aria-label={t('fields.text')}
            autosize
            minRows={1}
            style={{ flex: 1 }}
            value={item.text}
            error={item.text.trim() ? undefined : t('review.emptyItem')}
            onChange={(event) => onChange({ text: event.currentTarget.value })}
          />
          <ActionIcon variant="subtle" color="red" mt={4} aria-label={t('review.removeItem')} onClick={onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <Group gap="md">
          <NativeSelect
            size="xs"
            aria-label={t('review.itemKind')}
            data={kindOptions}
            value={item.kind}
            onChange={(event) => {
              const kind = event.currentTarget.value
              if (isOneOf(parsedKinds, kind)) onChange({ kind })
            }}
          />
          {assessed && (
            <>
              <Checkbox
                size="xs"
                label={t('fields.mustHave')}
                checked={item.mustHave}
                onChange={(event) =>
                  onChange({
                    mustHave: event.currentTarget.checked,
                    preferred: event.currentTarget.checked ? false : item.preferred,
                  })
                }
              />
              <Checkbox
                size="xs"
                label={t('fields.preferred')}
                checked={item.preferred}
                onChange={(event) =>
                  onChange({
                    preferred: event.currentTarget.checked,
                    mustHave: event.currentTarget.checked ? false : item.mustHave,
                  })
                }
              />
            </>
          )}
          <RequirementFacts minYears={item.minYears} skills={item.skills} />
        </Group>
      </Stack>
    </Paper>
  )
}
