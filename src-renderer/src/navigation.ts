import {
  IconBriefcase,
  IconChartBar,
  IconClipboardCheck,
  IconHome,
  IconLock,
  IconScale,
  IconStairs,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react'
import type { ParseKeys } from 'i18next'
import type { Channel } from '@contract'

export interface NavigationItem {
  path: string
  label: ParseKeys<'common'>
  icon: Icon
  /** The channel the page opens with: on a team server the item shows only to those it is declared for. */
  channel: Channel
}

/** The app's sections, in menu order; features add themselves here. */
export const navigation: NavigationItem[] = [
  { path: '/', label: 'nav.home', icon: IconHome, channel: 'home:summary' },
  { path: '/ladders', label: 'nav.ladders', icon: IconStairs, channel: 'ladders:list' },
  { path: '/postings', label: 'nav.postings', icon: IconBriefcase, channel: 'postings:get' },
  { path: '/candidates', label: 'nav.candidates', icon: IconUsers, channel: 'candidates:list' },
  { path: '/my-interviews', label: 'nav.myInterviews', icon: IconClipboardCheck, channel: 'interviews:mine' },
  { path: '/calibration', label: 'nav.calibration', icon: IconScale, channel: 'interviews:calibration' },
  { path: '/reports', label: 'nav.reports', icon: IconChartBar, channel: 'reports:run' },
  { path: '/privacy', label: 'nav.privacy', icon: IconLock, channel: 'privacy:retention' },
  { path: '/team', label: 'nav.team', icon: IconUsersGroup, channel: 'accounts:list' },
]
