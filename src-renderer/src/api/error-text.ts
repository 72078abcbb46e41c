import type { ErrorDto, IssueDto } from '@contract'
import type { i18n as I18n } from 'i18next'

/** One issue in the user's language: its message key when it has one, else the English text it came with. */
export function issueText(i18n: I18n, issue: IssueDto): string {
  if (!issue.key || !i18n.exists(`errors:${issue.key}`, { ...issue.params })) return issue.message
  return i18n.t(`errors:${issue.key}`, { ...issue.params })
}

/**
 * An error in the user's language. The code says what kind of failure it is; the key and its parameters
 * say exactly what failed. An error without a key is shown in English as sent, or as its code's words in
 * another language.
 */
export function errorText(i18n: I18n, error: ErrorDto): string {
  const first = error.issues?.[0]
  if (error.key === 'invalid_field' && first)
    return i18n.t('errors:invalid_field', { field: first.path, detail: issueText(i18n, first) })
  if (error.key && i18n.exists(`errors:${error.key}`, { ...error.params }))
    return i18n.t(`errors:${error.key}`, { ...error.params })
  if (i18n.resolvedLanguage === 'en' || !i18n.exists(`errors:code_${error.code}`)) return error.message
  return i18n.t(`errors:code_${error.code}`)
}
