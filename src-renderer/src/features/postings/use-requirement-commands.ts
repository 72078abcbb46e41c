import type { PostingDto, RequirementDto } from '@contract'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useLayoutEffect, useState } from 'react'
import { api } from '../../api/client'
import { call, notifyError } from '../../api/query'
import { postingKeys, useApplyRequirementChange } from './posting-queries'
import { RequirementCommands, type CommandHost, type UndoEntry } from './requirement-commands'

/**
 * The requirement editor's commands (queued, with one level of undo) bound to the posting's query cache.
 * The list is read from the cache at the moment a command runs, falling back to the posting the page was
 * given, so a just-opened posting's items are there before any change went through the cache.
 */
export function useRequirementCommands(posting: PostingDto, options: { onSettled: () => void }) {
  const client = useQueryClient()
  const apply = useApplyRequirementChange(posting.id)
  const [undo, setUndo] = useState<UndoEntry | null>(null)

  const current = (): RequirementDto[] =>
    client.getQueryData<PostingDto>(postingKeys.detail(posting.id))?.requirements ?? posting.requirements

  const host: CommandHost = {
    api: api.postings,
    postingId: posting.id,
    current,
    unwrap: call,
    applied: apply,
    failed: notifyError,
    settled: options.onSettled,
    undoChanged: setUndo,
  }
  // The commands outlive renders (their queue must); the host they call is always the latest render's.
  const [commands] = useState(() => new RequirementCommands(host))
  useLayoutEffect(() => commands.rebind(host))

  // Ctrl/Cmd+Z anywhere on the page, except while typing or in a dialog (the item drawer).
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return
      if (isEditable(event.target) || document.querySelector('[role="dialog"]')) return
      event.preventDefault()
      void commands.undo()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [commands])

  return { commands, undo, current }
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}
