import i18n from '.'

/** A day in the reader's language, short and numeric: for table cells. */
export const formatDate = (iso: string, language = i18n.language): string => new Date(iso).toLocaleDateString(language)

/** A date and time in the reader's language and time zone. */
export const formatWhen = (iso: string, language = i18n.language): string =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
