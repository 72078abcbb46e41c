import type { PostingDto } from '@contract'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { call, notifyError } from '../../api/query'
import { postingKeys, useApplyRequirementChange } from './posting-queries'
import {
  createRequirementCommands,
  type RequirementCommandOptions,
  type RequirementCommands,
  type UndoEntry,
} from './requirement-commands'

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}

/**
 * The requirements editor's commands for one posting, with the undo of the last change, also on Ctrl/Cmd+Z
 * anywhere on the page except while typing or in a dialog. `onSettled` runs after every command.
 */
export function useRequirementCommands(
  posting: PostingDto,
  onSettled: () => void,
): { commands: RequirementCommands; undoable: UndoEntry | null } {
  const { t } = useTranslation('postings')
  const client = useQueryClient()
  const apply = useApplyRequirementChange(posting.id)
  const [undoable, setUndoable] = useState<UndoEntry | null>(null)
  const options: RequirementCommandOptions = {
    postingId: posting.id,
    api: api.postings,
    call,
    current: () =>
      client.getQueryData<PostingDto>(postingKeys.detail(posting.id))?.requirements ?? posting.requirements,
    apply,
    onError: notifyError,
    onUndoable: setUndoable,
    onSettled,
    labels: { move: t('undo.move'), remove: t('undo.remove'), edit: t('undo.edit'), add: t('undo.add') },
  }
  const [commands] = useState(() => createRequirementCommands(options))
  useEffect(() => {
    commands.configure(options)
  })

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return
      if (isEditable(event.target) || document.querySelector('[role="dialog"]')) return
      event.preventDefault()
      void commands.undo()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [commands])

  return { commands, undoable }
}
