import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { errorText } from '../../api/error-text'
import { teamKeys } from './team-queries'

export function SignInPage() {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm({ initialValues: { email: '', password: '' } })
  const submit = form.onSubmit(async (values) => {
    setBusy(true)
    setFailure(null)
    const result = await api.session.signIn(values)
    setBusy(false)
    if (!result.ok) {
      form.setFieldValue('password', '')
      setFailure(errorText(i18n, result.error))
      return
    }
    // Whatever another person read in this tab before is dropped: everything is read again as this person.
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== teamKeys.session[0] })
    client.setQueryData(teamKeys.session, result)
  })
  return (
    <Center h="100vh">
      <Paper component="main" withBorder p="xl" w={380} shadow="sm">
        <form onSubmit={submit} aria-label={t('signIn.title')}>
          <Stack>
            <Title order={2}>{t('signIn.title')}</Title>
            {failure && (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            )}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              data-autofocus
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
