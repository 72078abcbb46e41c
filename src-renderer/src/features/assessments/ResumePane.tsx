import type { AssessmentDocumentDto, HighlightedTextDto } from '@contract'
import { Card, ScrollArea, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HighlightedText } from '../../components/HighlightedText'

export interface TextRange {
  start: number
  end: number
}

/** Ranges sorted and merged, so the text renders each character once. */
function normalise(ranges: TextRange[], length: number): HighlightedTextDto['highlights'] {
  const merged: [number, number][] = []
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.end <= range.start || range.end > length) continue
    const last = merged.at(-1)
    if (last && range.start <= last[1]) last[1] = Math.max(last[1], range.end)
    else merged.push([range.start, range.end])
  }
  return merged
}

/**
 * The candidate's documents as plain text with the selected item's evidence and suggestions marked (text
 * nodes only: a document's content is never parsed as HTML). Scrolls to the first mark when they change.
 */
export function ResumePane({
  documents,
  highlights,
  preferredDocumentId,
}: {
  documents: AssessmentDocumentDto[]
  highlights: Map<number, TextRange[]>
  preferredDocumentId: number | null
}) {
  const { t } = useTranslation('assessments')
  // A document picked by hand stays shown until the selected item points at another one.
  const [choice, setChoice] = useState<{ id: number; preferred: number | null } | null>(null)
  const chosen = choice?.preferred === preferredDocumentId ? choice.id : null
  const viewport = useRef<HTMLDivElement>(null)
  const shown =
    documents.find((doc) => doc.id === chosen) ??
    documents.find((doc) => doc.id === preferredDocumentId) ??
    documents[0]
  const marks = shown ? normalise(highlights.get(shown.id) ?? [], shown.text.length) : []
  const marksKey = JSON.stringify([shown?.id, marks])

  useEffect(() => {
    const first = viewport.current?.querySelector('mark')
    first?.scrollIntoView({ block: 'center' })
  }, [marksKey])

  return (
    <Card withBorder h="100%">
      <Stack gap="xs" h="100%">
        <Title order={4}>{t('resume.title')}</Title>
        {documents.length > 1 && (
          <SegmentedControl
            size="xs"
            aria-label={t('resume.document')}
            value={String(shown?.id ?? '')}
            onChange={(value) => setChoice({ id: Number(value), preferred: preferredDocumentId })}
            data={documents.map((doc) => ({ value: String(doc.id), label: doc.fileName }))}
          />
        )}
        {shown ? (
          <ScrollArea h="calc(100vh - 240px)" viewportRef={viewport} type="auto">
            <Text
              component="pre"
              size="sm"
              aria-label={t('resume.title')}
              data-testid="resume-text"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit', margin: 0 }}
            >
              <HighlightedText value={{ text: shown.text, highlights: marks }} />
            </Text>
          </ScrollArea>
        ) : (
          <Text c="dimmed">{t('resume.none')}</Text>
        )}
      </Stack>
    </Card>
  )
}
