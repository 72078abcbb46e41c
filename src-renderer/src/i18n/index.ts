import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import deApplications from './locales/de/applications.json'
import deAssessments from './locales/de/assessments.json'
import deCandidates from './locales/de/candidates.json'
import deCommon from './locales/de/common.json'
import deErrors from './locales/de/errors.json'
import deInterviews from './locales/de/interviews.json'
import deLadders from './locales/de/ladders.json'
import dePostings from './locales/de/postings.json'
import dePrivacy from './locales/de/privacy.json'
import deReports from './locales/de/reports.json'
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
import esApplications from './locales/es/applications.json'
import esAssessments from './locales/es/assessments.json'
import esCandidates from './locales/es/candidates.json'
import esCommon from './locales/es/common.json'
import esErrors from './locales/es/errors.json'
import esInterviews from './locales/es/interviews.json'
import esLadders from './locales/es/ladders.json'
import esPostings from './locales/es/postings.json'
import esPrivacy from './locales/es/privacy.json'
import esReports from './locales/es/reports.json'
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

export const languages = ['en', 'fr', 'de', 'es'] as const
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
  // `satisfies` makes a missing string in any language a type error.
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
  de: {
    common: deCommon satisfies typeof enCommon,
    errors: deErrors satisfies typeof enErrors,
    ladders: deLadders satisfies typeof enLadders,
    postings: dePostings satisfies typeof enPostings,
    candidates: deCandidates satisfies typeof enCandidates,
    applications: deApplications satisfies typeof enApplications,
    assessments: deAssessments satisfies typeof enAssessments,
    interviews: deInterviews satisfies typeof enInterviews,
    reports: deReports satisfies typeof enReports,
    privacy: dePrivacy satisfies typeof enPrivacy,
  },
  es: {
    common: esCommon satisfies typeof enCommon,
    errors: esErrors satisfies typeof enErrors,
    ladders: esLadders satisfies typeof enLadders,
    postings: esPostings satisfies typeof enPostings,
    candidates: esCandidates satisfies typeof enCandidates,
    applications: esApplications satisfies typeof enApplications,
    assessments: esAssessments satisfies typeof enAssessments,
    interviews: esInterviews satisfies typeof enInterviews,
    reports: esReports satisfies typeof enReports,
    privacy: esPrivacy satisfies typeof enPrivacy,
  },
}

const STORAGE_KEY = 'yardstick.language'

const known = (value: string | null | undefined): Language | undefined =>
  languages.find((language) => language === value)

/** The language chosen before, else the browser's own (its first two letters: de-AT is German), else English. */
function initialLanguage(): Language {
  return known(localStorage.getItem(STORAGE_KEY)) ?? known(navigator.language.slice(0, 2).toLowerCase()) ?? 'en'
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
