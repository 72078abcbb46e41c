import type { LadderDto } from '@contract'
import { useTranslation } from 'react-i18next'

/** Country and language names in the interface language, from the codes stored with a posting. */
export function useDisplayNames() {
  const { i18n } = useTranslation()
  const regions = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' })
  const languages = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' })
  return {
    country: (code: string) => regions.of(code) ?? code,
    language: (code: string) => languages.of(code) ?? code,
  }
}

/** Options sorted by their shown name, for Select and MultiSelect. */
export function namedOptions(codes: readonly string[], nameOf: (code: string) => string, locale: string) {
  return codes
    .map((code) => ({ value: code, label: nameOf(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale))
}

/** Levels grouped by ladder, in ladder order. */
export function levelOptions(ladders: LadderDto[] | undefined) {
  return (ladders ?? []).map((ladder) => ({
    group: ladder.name,
    items: ladder.levels.map((level) => ({ value: String(level.id), label: level.title })),
  }))
}
