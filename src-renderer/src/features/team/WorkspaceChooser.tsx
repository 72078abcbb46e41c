import { Button, Center, Divider, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { JoinTeamForm, useDesktopWorkspace, useOpenLocal } from './JoinTeamForm'

/**
 * The desktop app on a team server without a session (signed out, expired, disabled): sign in again, to this or
 * another team, or go back to the workspace on this computer.
 */
export function WorkspaceChooser() {
  const { t } = useTranslation()
  const current = useDesktopWorkspace()
  const openLocal = useOpenLocal()
  if (current.isPending) return null
  return (
    <Center h="100vh">
      <Paper component="main" withBorder p="xl" w={440} shadow="sm">
        <Stack>
          <Title order={2}>{t('teamJoin.chooserTitle')}</Title>
          <Text size="sm">{t('teamJoin.chooserBody')}</Text>
          <JoinTeamForm initialUrl={current.data?.url ?? undefined} />
          <Divider label={t('firstRun.or')} />
          <Button variant="default" onClick={() => void openLocal()}>
            {t('teamJoin.openLocal')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  )
}
