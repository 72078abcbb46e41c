import { AppShell, Badge, Button, Group, Kbd, NavLink, Text, Title } from '@mantine/core'
import { spotlight } from '@mantine/spotlight'
import { IconSearch } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, Route, Switch, useLocation } from 'wouter'
import { FirstRunChooser } from './components/FirstRunChooser'
import { HeaderControls } from './components/HeaderControls'
import { ShortcutsHelp } from './components/ShortcutsHelp'
import { AssessmentPage } from './features/assessments/AssessmentPage'
import { ComparePage, parseCompareIds } from './features/assessments/ComparePage'
import { CandidatePage } from './features/candidates/CandidatePage'
import { CandidatesPage } from './features/candidates/CandidatesPage'
import { SearchPalette } from './features/candidates/SearchPalette'
import { ApplicationInterviewsPage, applicationTabs } from './features/interviews/ApplicationInterviewsPage'
import { CalibrationPage } from './features/interviews/CalibrationPage'
import { ExternalInterviewPage } from './features/interviews/ExternalInterviewPage'
import { MyInterviewsPage } from './features/interviews/MyInterviewsPage'
import { ScorecardPage } from './features/interviews/ScorecardPage'
import { LadderPage } from './features/ladders/LadderPage'
import { LaddersPage } from './features/ladders/LaddersPage'
import { StartPage } from './features/home/StartPage'
import { ImportPostingPage } from './features/postings/ImportPostingPage'
import { PostingPage, postingTabs } from './features/postings/PostingPage'
import { PostingsPage } from './features/postings/PostingsPage'
import { ReportPage } from './features/reports/ReportPage'
import { ReportsPage } from './features/reports/ReportsPage'
import { PrivacyPage } from './features/privacy/PrivacyPage'
import { TeamPage } from './features/team/TeamPage'
import { useSession } from './features/team/team-queries'
import { useRetention } from './features/privacy/privacy-queries'
import { useCan } from './features/team/permissions'
import { navigation } from './navigation'

export function App() {
  const { t } = useTranslation(['common', 'privacy'])
  const [location] = useLocation()
  const can = useCan()
  const retention = useRetention(can('privacy:retention'))
  const team = useSession()?.workspace === 'team'
  const pastRetention = retention.data?.entries.length ?? 0
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={3} component="span">
              Yardstick
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {team ? t('app.taglineTeam') : t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm">
            {can('candidates:search') && (
              <Button
                variant="default"
                leftSection={<IconSearch size={16} />}
                rightSection={<Kbd size="xs">Ctrl K</Kbd>}
                onClick={() => spotlight.open()}
              >
                {t('search.open')}
              </Button>
            )}
            <HeaderControls />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        {navigation
          .filter((item) => can(item.channel))
          .map((item) => (
            <NavLink
              key={item.path}
              component={Link}
              href={item.path}
              label={t(item.label)}
              leftSection={<item.icon size={18} stroke={1.6} />}
              rightSection={
                item.path === '/privacy' && pastRetention > 0 ? (
                  // A circle holds one digit; larger counts get a pill, capped so the menu keeps its width.
                  <Badge
                    size="sm"
                    color="red"
                    circle={pastRetention < 10}
                    aria-label={t('privacy:badge', { count: pastRetention })}
                  >
                    {pastRetention > 99 ? '99+' : pastRetention}
                  </Badge>
                ) : undefined
              }
              active={location === item.path || (item.path !== '/' && location.startsWith(`${item.path}/`))}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Switch>
          <Route path="/ladders" component={LaddersPage} />
          <Route path="/ladders/:id">{(params) => <LadderPage id={Number(params.id)} />}</Route>
          <Route path="/candidates" component={CandidatesPage} />
          <Route path="/candidates/:id">{(params) => <CandidatePage key={params.id} id={Number(params.id)} />}</Route>
          <Route path="/postings" component={PostingsPage} />
          <Route path="/postings/import" component={ImportPostingPage} />
          <Route path="/postings/:id">{(params) => <PostingPage key={params.id} id={Number(params.id)} />}</Route>
          <Route path="/postings/:id/:tab">
            {(params) => (
              <PostingPage
                key={params.id}
                id={Number(params.id)}
                tab={postingTabs.find((tab) => tab === params.tab) ?? 'details'}
              />
            )}
          </Route>
          <Route path="/postings/:postingId/applications/:applicationId/assess">
            {(params) => (
              <AssessmentPage
                key={params.applicationId}
                postingId={Number(params.postingId)}
                applicationId={Number(params.applicationId)}
              />
            )}
          </Route>
          <Route path="/postings/:postingId/compare/:ids">
            {(params) => (
              <ComparePage postingId={Number(params.postingId)} applicationIds={parseCompareIds(params.ids)} />
            )}
          </Route>
          <Route path="/applications/:id/:tab">
            {(params) => (
              <ApplicationInterviewsPage
                key={params.id}
                id={Number(params.id)}
                tab={applicationTabs.find((tab) => tab === params.tab) ?? 'interviews'}
              />
            )}
          </Route>
          <Route path="/interviews/:id">{(params) => <ScorecardPage key={params.id} id={Number(params.id)} />}</Route>
          <Route path="/my-interviews" component={MyInterviewsPage} />
          <Route path="/calibration" component={CalibrationPage} />
          <Route path="/external/:id">
            {(params) => <ExternalInterviewPage key={params.id} id={Number(params.id)} />}
          </Route>
          <Route path="/reports" component={ReportsPage} />
          <Route path="/privacy" component={PrivacyPage} />
          <Route path="/team" component={TeamPage} />
          <Route path="/reports/:name">{(params) => <ReportPage key={params.name} name={params.name} />}</Route>
          <Route path="/" component={StartPage} />
          <Route>
            <Text>{t('app.notFound')}</Text>
          </Route>
        </Switch>
      </AppShell.Main>
      {can('candidates:search') && <SearchPalette />}
      <FirstRunChooser />
      <ShortcutsHelp />
    </AppShell>
  )
}
