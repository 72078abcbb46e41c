import type { ReportLanguage } from '@contract'

/** Words the reports and their exports share; `satisfies` makes a missing French string a type error. */
const en = {
  all: 'all',
  posting: 'Posting',
  level: 'Level',
  source: 'Source',
  applied: 'Applied',
  since: 'since',
  until: 'until',
  to: 'to',
  anyTime: 'any time',
}

const fr = {
  all: 'tous',
  posting: 'Annonce',
  level: 'Niveau',
  source: 'Source',
  applied: 'Candidature',
  since: 'depuis le',
  until: 'jusqu’au',
  to: 'au',
  anyTime: 'toutes dates',
} satisfies typeof en

export type Labels = typeof en

export const labelsFor = (language: ReportLanguage): Labels => (language === 'fr' ? fr : en)
