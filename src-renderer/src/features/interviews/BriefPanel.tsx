import type { InterviewBriefDto } from '@contract'
import { Accordion, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { formatWhen } from '../../i18n/format'

/** Who, when and what: the candidate, the step's questions and the résumé, all as plain text. */
export function BriefPanel({ brief }: { brief: InterviewBriefDto }) {
  const { t, i18n } = useTranslation('interviews')
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group gap="xs">
          <Badge variant="light">{brief.step.name}</Badge>
          <Text size="sm">{formatWhen(brief.scheduledAt, i18n.language)}</Text>
          <Text size="sm" c="dimmed">
            {t('plan.minutes', { count: brief.step.durationMinutes })}
          </Text>
        </Group>
        <Text size="sm">{t('brief.posting', { posting: brief.posting.title, level: brief.posting.levelTitle })}</Text>
        <Text size="sm">{t('brief.interviewer', { name: brief.interviewer.name })}</Text>
        {brief.candidate.summary && <Text size="sm">{brief.candidate.summary}</Text>}
        {(brief.candidate.location || brief.candidate.tags.length > 0) && (
          <Group gap={4}>
            {brief.candidate.location && (
              <Text size="sm" c="dimmed">
                {brief.candidate.location}
              </Text>
            )}
            {brief.candidate.tags.map((tag) => (
              <Badge key={tag} size="sm" variant="outline" color="gray">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
        <Accordion variant="contained" multiple defaultValue={['questions']}>
          <Accordion.Item value="questions">
            <Accordion.Control>{t('brief.questions', { count: brief.step.questions.length })}</Accordion.Control>
            <Accordion.Panel>
              {brief.step.questions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('brief.noQuestions')}
                </Text>
              ) : (
                <List type="ordered" spacing={4}>
                  {brief.step.questions.map((question, index) => (
                    <List.Item key={index}>{question}</List.Item>
                  ))}
                </List>
              )}
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="resume">
            <Accordion.Control>{t('brief.resume')}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="brief-resume">
                {brief.resumeText || t('brief.noResume')}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    </Card>
  )
}

export function BriefTitle({ brief }: { brief: InterviewBriefDto }) {
  const { t } = useTranslation('interviews')
  return <Title order={2}>{t('brief.title', { candidate: brief.candidate.name, step: brief.step.name })}</Title>
}
