import type { UndoTokenDto } from '@contract'
import { Button, Group, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { api } from '../../api/client'
import { call, notifyError, queryClient } from '../../api/query'
import i18n from '../../i18n'
import { candidateKeys } from '../candidates/candidate-queries'
import { applicationKeys } from './application-queries'

/** Long enough to read the summary and reach the button, short enough not to linger over the next change. */
const UNDO_MS = 8_000

async function undo(token: UndoTokenDto, notificationId: string): Promise<void> {
  notifications.hide(notificationId)
  try {
    const result = await call(api.applications.undo({ token }))
    notifications.show({ color: 'blue', message: i18n.t('applications:undo.done', { count: result.undone }) })
  } catch (error) {
    notifyError(error)
  } finally {
    await Promise.all(
      [applicationKeys.all, applicationKeys.allStages, candidateKeys.all, ['home']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    )
  }
}

/** A change's summary with an Undo button for a few seconds; without a token, just the summary. */
export function notifyWithUndo(message: string, token: UndoTokenDto | null, color = 'green'): void {
  const id = `undo-${Date.now()}-${Math.random().toString(36).slice(2)}`
  notifications.show({
    id,
    color,
    autoClose: UNDO_MS,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        {token && (
          <Button size="compact-sm" variant="light" onClick={() => void undo(token, id)}>
            {i18n.t('applications:undo.action')}
          </Button>
        )}
      </Group>
    ),
  })
}

/** The undo of one application's last change, from the result of that change. */
export function singleUndo(application: { id: number; lastEventId?: number | undefined }): UndoTokenDto | null {
  return application.lastEventId
    ? { kind: 'stage', entries: [{ applicationId: application.id, eventId: application.lastEventId }] }
    : null
}
