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

export interface NavigationItem {
  path: string
  label: ParseKeys<'common'>
  icon: Icon
}

/** The app's sections, in menu order; features add themselves here. */
export const navigation: NavigationItem[] = [
  { path: '/', label: 'nav.home', icon: IconHome },
  { path: '/ladders', label: 'nav.ladders', icon: IconStairs },
  { path: '/postings', label: 'nav.postings', icon: IconBriefcase },
  { path: '/candidates', label: 'nav.candidates', icon: IconUsers },
  { path: '/my-interviews', label: 'nav.myInterviews', icon: IconClipboardCheck },
  { path: '/calibration', label: 'nav.calibration', icon: IconScale },
  { path: '/reports', label: 'nav.reports', icon: IconChartBar },
  { path: '/privacy', label: 'nav.privacy', icon: IconLock },
  { path: '/team', label: 'nav.team', icon: IconUsersGroup },
]
