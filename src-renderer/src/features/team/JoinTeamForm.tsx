import { Alert, Autocomplete, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { desktop } from '../../api/client'
import { errorText } from '../../api/error-text'
import { teamKeys } from './team-queries'

export const desktopKeys = { workspace: ['desktop-workspace'] as const }

/** Which workspace the desktop window shows; undefined in web mode. */
export const useDesktopWorkspace = () =>
  useQuery({
    queryKey: desktopKeys.workspace,
    queryFn: async () => {
      const result = await desktop?.current()
      return result?.ok ? result.data : null
    },
    enabled: desktop !== undefined,
  })

/**
 * The desktop app joins a team server: the main process signs in there and from then on forwards every call, so
 * the password and the session never stay in this page. Only the address is remembered, for next time.
 */
export function JoinTeamForm({ initialUrl, onJoined }: { initialUrl?: string; onJoined?: () => void }) {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const current = useDesktopWorkspace()
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm({
    initialValues: { url: initialUrl ?? current.data?.recentTeamUrls[0] ?? '', email: '', password: '' },
  })
  const bridge = desktop
  if (!bridge) return null
  const submit = form.onSubmit(async (values) => {
    setBusy(true)
    setFailure(null)
    const result = await bridge.joinTeam(values)
    setBusy(false)
    if (!result.ok) {
      form.setFieldValue('password', '')
      setFailure(errorText(i18n, result.error))
      return
    }
    // Everything on screen came from the other workspace: it is all read again, from the team server.
    client.setQueryData(teamKeys.session, result)
    await client.resetQueries({ predicate: (query) => query.queryKey[0] !== teamKeys.session[0] })
    onJoined?.()
  })
  return (
    <form onSubmit={submit} aria-label={t('teamJoin.title')}>
      <Stack>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Autocomplete
          label={t('teamJoin.url')}
          description={t('teamJoin.urlHint')}
          placeholder="https://yardstick.example.org"
          required
          data={current.data?.recentTeamUrls ?? []}
          {...form.getInputProps('url')}
        />
        <TextInput
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('teamJoin.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Back to the local workspace: the team session is forgotten by the main process, everything is read again. */
export function useOpenLocal() {
  const client = useQueryClient()
  return async () => {
    const result = await desktop?.openLocal()
    if (result?.ok) await client.resetQueries()
  }
}

export function JoinTeamModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal opened={opened} onClose={onClose} title={t('teamJoin.title')} zIndex={400}>
      <Stack>
        <Text size="sm">{t('teamJoin.body')}</Text>
        <JoinTeamForm onJoined={onClose} />
      </Stack>
    </Modal>
  )
}
