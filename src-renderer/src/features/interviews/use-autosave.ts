import { useCallback, useEffect, useRef, useState } from 'react'

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed'

/**
 * Saves the latest value a moment after the last change, one save at a time; a change made while a save runs is
 * saved right after it. `flush` saves at once (before submitting, leaving the page).
 */
export function useAutosave<T>(save: (value: T) => Promise<unknown>, delay = 700) {
  const [state, setState] = useState<AutosaveState>('idle')
  const latest = useRef<{ value: T } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const running = useRef<Promise<void> | null>(null)
  const saveRef = useRef(save)
  useEffect(() => {
    saveRef.current = save
  }, [save])

  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current)
    if (running.current) await running.current
    const next = latest.current
    if (!next) return true
    latest.current = null
    setState('saving')
    let ok = true
    running.current = saveRef
      .current(next.value)
      .then(
        () => setState(latest.current ? 'pending' : 'saved'),
        () => {
          ok = false
          setState('failed')
        },
      )
      .finally(() => {
        running.current = null
      })
    await running.current
    return ok
  }, [])

  const schedule = useCallback(
    (value: T) => {
      latest.current = { value }
      setState('pending')
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), delay)
    },
    [delay, flush],
  )

  useEffect(
    () => () => {
      clearTimeout(timer.current)
      if (latest.current) void saveRef.current(latest.current.value)
    },
    [],
  )

  return { state, schedule, flush }
}
