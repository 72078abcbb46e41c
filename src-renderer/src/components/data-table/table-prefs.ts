import type { TablePrefsDto } from '@contract'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { api } from '../../api/client'
import { call, notifyError } from '../../api/query'
import { useWorkspace } from '../../api/workspace'

/** Column layout of one table for the person using this machine, kept in the workspace settings. */
export function useTablePrefs(table: string) {
  const me = useWorkspace().data?.me?.id ?? null
  const client = useQueryClient()
  const key = ['table-prefs', table, me] as const
  const prefs = useQuery({
    queryKey: key,
    queryFn: () => call(api.workspace.tablePrefs({ table })),
    staleTime: Infinity,
  })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )
  const save = (next: TablePrefsDto) => {
    client.setQueryData(key, next)
    if (timer.current) clearTimeout(timer.current)
    // Resizing fires on every mouse move; only the width where the user lets go is worth saving.
    timer.current = setTimeout(() => {
      call(api.workspace.saveTablePrefs({ table, ...next })).catch(notifyError)
    }, 400)
  }
  return { prefs: prefs.data, save }
}
