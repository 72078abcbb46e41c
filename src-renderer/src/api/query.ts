import type { ErrorDto, Result } from '@contract'
import { notifications } from '@mantine/notifications'
import { QueryClient, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query'
import i18n from '../i18n'
import { transport } from './client'
import { errorText } from './error-text'

export class ApiError extends Error {
  constructor(readonly error: ErrorDto) {
    super(errorText(i18n, error))
    this.name = 'ApiError'
  }
}

/** Unwraps a result envelope: data, or an ApiError carrying the stable code. */
export async function call<T>(request: Promise<Result<T>>): Promise<T> {
  const result = await request
  if (!result.ok) throw new ApiError(result.error)
  return result.data
}

export const queryClient = new QueryClient({
  defaultOptions: {
    // In the desktop app a second window may have changed something: coming back to a window refreshes it (a team
    // server's pages hear of changes as they happen, see live-updates.ts).
    queries: { retry: false, refetchOnWindowFocus: transport === 'ipc', staleTime: 5_000 },
  },
})

export function notifyError(error: unknown): void {
  notifications.show({
    color: 'red',
    title: i18n.t('common:error.title'),
    message: error instanceof Error ? error.message : String(error),
    autoClose: 8_000,
  })
}

/** A mutation that reports failures and refreshes the queries it affects. */
export function useApiMutation<I, O>(
  mutate: (input: I) => Promise<Result<O>>,
  options: { invalidate?: QueryKey[]; onSuccess?: (data: O, input: I) => void; quiet?: boolean } = {},
) {
  const client = useQueryClient()
  return useMutation<O, Error, I>({
    mutationFn: (input) => call(mutate(input)),
    onSuccess: async (data, input) => {
      await Promise.all((options.invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })))
      options.onSuccess?.(data, input)
    },
    onError: (error) => {
      if (!options.quiet) notifyError(error)
    },
  })
}
