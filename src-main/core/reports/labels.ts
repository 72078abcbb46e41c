import type { ReportLanguage } from '@contract'
// The renderer's locale folder holds every translated word, so a translator finds the reports' words there too;
// these files are data the core reads, not renderer code.
import en from '../../../src-renderer/src/i18n/locales/en/report-output.json'
import fr from '../../../src-renderer/src/i18n/locales/fr/report-output.json'
import de from '../../../src-renderer/src/i18n/locales/de/report-output.json'
import es from '../../../src-renderer/src/i18n/locales/es/report-output.json'

const words = {
  en,
  fr: fr satisfies typeof en,
  de: de satisfies typeof en,
  es: es satisfies typeof en,
} satisfies Record<ReportLanguage, unknown>

type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** A word of the reports and their exports, as its dotted path in `report-output.json`. */
export type LabelKey = Keys<typeof en>

export type Labels = (key: LabelKey, values?: Record<string, string | number>) => string

/**
 * The reports' words in one language. Only `{{name}}` substitution is needed here (the renderer's i18next
 * reads the same syntax); values are inserted as they are, since each export format escapes its own output.
 */
export function labelsFor(language: ReportLanguage): Labels {
  const table: unknown = words[language]
  return (key, values = {}) => {
    let found: unknown = table
    for (const part of key.split('.')) found = (found as Record<string, unknown>)[part]
    if (typeof found !== 'string') throw new Error(`The report word ${key} is missing in ${language}.`)
    return found.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      const value = values[name]
      return value === undefined ? whole : String(value)
    })
  }
}

/** A word in every report language, for what is listed before a language is chosen (the CLI's help). */
export const inEveryLanguage = (key: LabelKey): Record<ReportLanguage, string> => ({
  en: labelsFor('en')(key),
  fr: labelsFor('fr')(key),
  de: labelsFor('de')(key),
  es: labelsFor('es')(key),
})

/** The names of the provenance rows every export starts with. */
export const provenanceNames = (label: Labels) => ({
  sheet: label('provenance.sheet'),
  report: label('provenance.report'),
  generatedAt: label('provenance.generatedAt'),
  workspace: label('provenance.workspace'),
  filters: label('provenance.filters'),
  appVersion: label('provenance.appVersion'),
})
