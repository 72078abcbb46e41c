import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  SegmentedControl,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core'
import { IconMoon, IconSun, IconUserCircle } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, desktop } from '../api/client'
import { useApiMutation } from '../api/query'
import { useLocation } from 'wouter'
import { useWorkspace } from '../api/workspace'
import { JoinTeamModal, useOpenLocal } from '../features/team/JoinTeamForm'
import { teamKeys, useSession } from '../features/team/team-queries'
import { languages, setLanguage } from '../i18n'

export function HeaderControls() {
  const { t, i18n } = useTranslation()
  const { setColorScheme } = useMantineColorScheme()
  const colorScheme = useComputedColorScheme('light')
  const workspace = useWorkspace()
  const [, navigate] = useLocation()
  const session = useSession()
  const onTeam = session?.workspace === 'team'
  // Signing out ends the session: the gate shows the sign-in page again.
  const signOut = useApiMutation(api.session.signOut, { invalidate: [teamKeys.session] })
  const signOutEverywhere = useApiMutation(api.session.signOutEverywhere, { invalidate: [teamKeys.session] })
  const dark = colorScheme === 'dark'
  const [joining, setJoining] = useState(false)
  const openLocal = useOpenLocal()
  return (
    <Group gap="sm">
      {workspace.data?.demoGenerationUnfinished && (
        <Tooltip label={t('demoUnfinished.detail')} multiline w={320}>
          <Badge color="red" variant="light" role="status" aria-label={t('demoUnfinished.detail')}>
            {t('demoUnfinished.label')}
          </Badge>
        </Tooltip>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" leftSection={<IconUserCircle size={18} />} aria-label={t('me.label')}>
            {workspace.data?.me?.name ?? t('me.choose')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('me.label')}</Menu.Label>
          {onTeam ? (
            <>
              <Menu.Item onClick={() => signOut.mutate({})}>{t('signIn.signOut')}</Menu.Item>
              <Menu.Item onClick={() => signOutEverywhere.mutate({})}>{t('signIn.signOutEverywhere')}</Menu.Item>
            </>
          ) : (
            // Who signs the changes is a setting of the machine (Team page), recorded when it changes.
            <Menu.Item onClick={() => navigate('/team')}>{t('me.change')}</Menu.Item>
          )}
          {desktop && (
            <>
              <Menu.Divider />
              <Menu.Label>{t('teamJoin.workspace')}</Menu.Label>
              <Menu.Item onClick={() => setJoining(true)}>{t('teamJoin.menu')}</Menu.Item>
              {onTeam && <Menu.Item onClick={() => void openLocal()}>{t('teamJoin.openLocal')}</Menu.Item>}
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <JoinTeamModal opened={joining} onClose={() => setJoining(false)} />
      <SegmentedControl
        size="xs"
        aria-label={t('language.label')}
        value={i18n.language}
        onChange={(value) => {
          const language = languages.find((known) => known === value)
          if (language) setLanguage(language)
        }}
        data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      />
      <Tooltip label={dark ? t('theme.light') : t('theme.dark')}>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={dark ? t('theme.light') : t('theme.dark')}
          onClick={() => setColorScheme(dark ? 'light' : 'dark')}
        >
          {dark ? <IconSun size={18} /> : <IconMoon size={18} />}
        </ActionIcon>
      </Tooltip>
    </Group>
  )
}
