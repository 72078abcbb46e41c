import type { UseFormReturnType } from '@mantine/form'
import { errorText, issueText } from '../api/error-text'
import i18n from '../i18n'
import { ApiError } from '../api/query'

/** Shows the server's validation issues next to the fields they name; returns false when none matched. */
export function applyServerIssues<T>(form: UseFormReturnType<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.error.issues) return false
  const fields = Object.keys(form.getValues() as object)
  const errors: Record<string, string> = {}
  for (const issue of error.error.issues) {
    // An issue without a key of its own is worded in English only: in another language its field shows the
    // whole error, translated.
    if (fields.includes(issue.path))
      errors[issue.path] =
        issue.key || i18n.resolvedLanguage === 'en' ? issueText(i18n, issue) : errorText(i18n, error.error)
  }
  form.setErrors(errors)
  return Object.keys(errors).length > 0
}
