import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import enApplications from './locales/en/applications.json'
import enAssessments from './locales/en/assessments.json'
import enCommon from './locales/en/common.json'
import enErrors from './locales/en/errors.json'
import enLadders from './locales/en/ladders.json'
import enCandidates from './locales/en/candidates.json'
import enInterviews from './locales/en/interviews.json'
import enPostings from './locales/en/postings.json'
import enPrivacy from './locales/en/privacy.json'
import enReports from './locales/en/reports.json'
import frApplications from './locales/fr/applications.json'
import frAssessments from './locales/fr/assessments.json'
import frCandidates from './locales/fr/candidates.json'
import frCommon from './locales/fr/common.json'
import frErrors from './locales/fr/errors.json'
import frInterviews from './locales/fr/interviews.json'
import frLadders from './locales/fr/ladders.json'
import frPostings from './locales/fr/postings.json'
import frPrivacy from './locales/fr/privacy.json'
import frReports from './locales/fr/reports.json'

export const languages = ['en', 'fr'] as const
export type Language = (typeof languages)[number]

export const resources = {
  en: {
    common: enCommon,
    errors: enErrors,
    ladders: enLadders,
    postings: enPostings,
    candidates: enCandidates,
    applications: enApplications,
    assessments: enAssessments,
    interviews: enInterviews,
    reports: enReports,
    privacy: enPrivacy,
  },
  // `satisfies` makes a missing French string a type error.
  fr: {
    common: frCommon satisfies typeof enCommon,
    errors: frErrors satisfies typeof enErrors,
    ladders: frLadders satisfies typeof enLadders,
    postings: frPostings satisfies typeof enPostings,
    candidates: frCandidates satisfies typeof enCandidates,
    applications: frApplications satisfies typeof enApplications,
    assessments: frAssessments satisfies typeof enAssessments,
    interviews: frInterviews satisfies typeof enInterviews,
    reports: frReports satisfies typeof enReports,
    privacy: frPrivacy satisfies typeof enPrivacy,
  },
}

const STORAGE_KEY = 'yardstick.language'

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'fr') return stored
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language)
  void i18n.changeLanguage(language)
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: ['common', 'errors', 'ladders', 'postings', 'candidates', 'applications', 'assessments', 'interviews', 'reports'],
  interpolation: { escapeValue: false },
  returnNull: false,
})

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language
})
document.documentElement.lang = i18n.language

export default i18n
